import type { OrganizationKind } from "~/db/vocabularies";
import { organizationKindLabels } from "~/organizations/texts";

/** An organisation in a list of organisations (class `org-list`): its name, kind and city. */
export function OrganizationSummary({
  organization,
}: {
  organization: { name: string; kind: string; city?: string | null };
}) {
  return (
    <>
      <span className="org-list__name">{organization.name}</span>
      <span className="badge">{organizationKindLabels[organization.kind as OrganizationKind]}</span>
      {organization.city ? <span className="muted"> {organization.city}</span> : null}
    </>
  );
}
