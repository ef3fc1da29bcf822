import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authorize, can, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import type { CurrentUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash.server";
import { formFailure, formValues, parseForm, readForm, unhandledIntent } from "~/forms.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import {
  admitOrganization,
  getNetwork,
  listAdmittableOrganizations,
  listCoordinators,
  listNetworksWithOrganizations,
  removeOrganization,
} from "~/networks/networks.server";
import { networkTexts } from "~/networks/texts";
import { createAdmitAndInvite } from "~/organizations/create-organization.server";
import {
  changeOrganizationKind,
  getOrganizationNetworks,
  organizationKindField,
} from "~/organizations/organizations.server";
import { organizationTexts } from "~/organizations/texts";
import { requireUuid } from "~/params.server";
import {
  emptyReferralCounts,
  referralFiguresForNetwork,
  setReferralRetention,
} from "~/referrals/network-figures.server";
import { NetworkView } from "~/networks/network-view";
import { referralTexts } from "~/referrals/texts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.network.name ?? "Netzwerk"} – Netzwerke ABC` },
];

const admitSchema = z.object({
  organizationId: z.string().uuid(networkTexts.organizationRequired),
});
const createSchema = z.object({
  name: z.string().trim().min(2, organizationTexts.nameRequired).max(200),
  kind: organizationKindField,
  city: z.string().trim().max(120).default(""),
  adminEmail: z.string().trim().email(networkTexts.adminEmailInvalid),
});
const changeKindSchema = z.object({ kind: organizationKindField });
const retentionSchema = z.object({
  months: z.coerce
    .number({ invalid_type_error: referralTexts.retentionInvalid })
    .int(referralTexts.retentionInvalid)
    .min(1, referralTexts.retentionInvalid)
    .max(120, referralTexts.retentionInvalid),
});

/** Counts per member organisation and the retention period, for the coordinator only. */
async function referralPanelData(networkId: string, organizations: { id: string; name: string }[]) {
  const [figures, network] = await Promise.all([
    referralFiguresForNetwork(networkId),
    getNetwork(networkId),
  ]);
  return {
    retentionMonths: network?.referralRetentionMonths ?? 6,
    figures: organizations.map((organization) => ({
      organizationId: organization.id,
      name: organization.name,
      ...(figures.get(organization.id) ?? emptyReferralCounts),
    })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const networkId = requireUuid(params.networkId);
  await authorize(user, { action: "network.view", networkId }, clientIp(request));
  const [network] = await listNetworksWithOrganizations([networkId]);
  if (!network) throw notFound();
  const canManage = can(user, { action: "network.manageMembers", networkId });
  // Every organisation listed here belongs to this network.
  const canChangeKinds = network.organizations.some((organization) =>
    can(user, {
      action: "organization.changeKind",
      organization: { id: organization.id, networkIds: [networkId] },
    }),
  );
  const seesFigures = can(user, { action: "network.viewReferralFigures", networkId });
  const [coordinators, admittable, referralPanel] = await Promise.all([
    listCoordinators(networkId),
    canManage ? listAdmittableOrganizations(networkId).execute() : Promise.resolve([]),
    seesFigures ? referralPanelData(networkId, network.organizations) : Promise.resolve(null),
  ]);
  return json({ network, coordinators, canManage, canChangeKinds, admittable, referralPanel });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const networkId = requireUuid(params.networkId);
  const ip = clientIp(request);
  const form = await readForm(request, {
    intents: ["changeKind", "retention", "admit", "create", "remove"],
  });
  if (!form.ok) return form.response;
  const { formData, intent } = form;
  if (intent === "changeKind") return changeKind(user, networkId, formData, ip);
  await authorize(
    user,
    intent === "retention"
      ? { action: "network.configureReferrals", networkId }
      : { action: "network.manageMembers", networkId },
    ip,
  );
  if (!(await getNetwork(networkId))) throw notFound();
  const here = `/netzwerke/${networkId}`;

  if (intent === "retention") {
    const parsed = parseForm(formData, retentionSchema);
    if (!parsed.ok) return parsed.response;
    await setReferralRetention(user, networkId, parsed.data.months, ip);
    return redirectWithFlash(here, "retentionSaved");
  }

  if (intent === "admit") {
    const parsed = parseForm(formData, admitSchema);
    if (!parsed.ok) return parsed.response;
    const result = await inUnitOfWork((unit) =>
      admitOrganization(unit, user, networkId, parsed.data.organizationId, ip),
    );
    if (!result.ok) return formFailure(formValues(formData), { [result.field]: result.message });
    return redirectWithFlash(here, "organizationAdmitted");
  }
  if (intent === "create") {
    const parsed = parseForm(formData, createSchema);
    if (!parsed.ok) return parsed.response;
    const invitation = await createAdmitAndInvite(user, networkId, parsed.data, ip);
    if (!invitation.ok)
      return formFailure(formValues(formData), { adminEmail: invitation.message });
    return redirectWithFlash(here, "organizationCreated");
  }
  if (intent === "remove") {
    const organizationId = requireUuid(String(formData.get("organizationId") ?? ""));
    if (!(await removeOrganization(user, networkId, organizationId, ip))) throw notFound();
    return redirectWithFlash(here, "organizationRemoved");
  }
  return unhandledIntent(intent);
}

/** A coordinator of one of the organisation's networks, or the platform admin, sets its kind. */
async function changeKind(
  user: CurrentUser,
  networkId: string,
  formData: FormData,
  ip: string | null,
) {
  const organization = await getOrganizationNetworks(
    requireUuid(String(formData.get("organizationId") ?? "")),
  );
  // Only the organisations listed on this network's page are changed from it.
  if (!organization?.networkIds.includes(networkId)) throw notFound();
  await authorize(user, { action: "organization.changeKind", organization }, ip);
  const parsed = parseForm(formData, changeKindSchema);
  if (!parsed.ok) return parsed.response;
  await changeOrganizationKind(user, organization.id, parsed.data.kind, ip);
  return redirectWithFlash(`/netzwerke/${networkId}`, "organizationKindChanged");
}

export default function NetworkPage() {
  return <NetworkView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
