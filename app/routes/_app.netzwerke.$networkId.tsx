import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { authorize, can, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import type { CurrentUser } from "~/auth/session.server";
import { organizationKinds, type OrganizationKind } from "~/db/schema";
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
import { organizationKindLabels, organizationTexts } from "~/organizations/texts";
import { requireUuid } from "~/params.server";
import {
  emptyReferralCounts,
  referralFiguresForNetwork,
  setReferralRetention,
} from "~/referrals/network-figures.server";
import { NetworkReferralPanel } from "~/referrals/network-referral-panel";
import { referralTexts } from "~/referrals/texts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, SelectField, TextField } from "~/ui/form";

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

const kindOptions = organizationKinds.map((kind) => ({
  value: kind,
  label: organizationKindLabels[kind],
}));

export default function NetworkPage() {
  const { network, coordinators, canManage, canChangeKinds, admittable, referralPanel } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const admit = feedbackFor(actionData, "admit");
  const create = feedbackFor(actionData, "create");
  const kindChange = feedbackFor(actionData, "changeKind");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  return (
    <div className="stack-lg">
      <h1>{network.name}</h1>
      <p className="lead">{network.region}</p>
      {network.description ? <p>{network.description}</p> : null}
      <p>
        Koordination:{" "}
        {coordinators.length === 0
          ? "noch nicht benannt"
          : coordinators
              .map((coordinator) => `${coordinator.name} (${coordinator.organizationName})`)
              .join(", ")}
      </p>

      <section className="card stack" aria-labelledby="organisationen">
        <h2 id="organisationen">Organisationen im Netzwerk ({network.organizations.length})</h2>
        {canChangeKinds ? (
          <>
            <p className="muted">{organizationTexts.kindSetByCoordination}</p>
            <FormErrorSummary errors={kindChange.errors} />
          </>
        ) : null}
        {network.organizations.length === 0 ? (
          <p>
            Noch keine Organisation aufgenommen.
            {canManage ? " Nehmen Sie unten die erste auf." : ""}
          </p>
        ) : (
          <ul className="org-list">
            {network.organizations.map((organization) => (
              <li key={organization.id}>
                <span className="org-list__name">{organization.name}</span>
                <span className="badge">
                  {organizationKindLabels[organization.kind as OrganizationKind]}
                </span>
                {organization.city ? <span className="muted"> {organization.city}</span> : null}
                {canChangeKinds ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="changeKind" />
                    <input type="hidden" name="organizationId" value={organization.id} />
                    <label className="visually-hidden" htmlFor={`art-${organization.id}`}>
                      Art von {organization.name}
                    </label>
                    <select
                      id={`art-${organization.id}`}
                      name="kind"
                      defaultValue={
                        kindChange.values?.organizationId === organization.id
                          ? kindChange.values.kind
                          : organization.kind
                      }
                    >
                      {kindOptions.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button button--secondary">
                      Art ändern<span className="visually-hidden">: {organization.name}</span>
                    </button>
                  </Form>
                ) : null}
                {canManage ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="organizationId" value={organization.id} />
                    <button type="submit" className="button button--danger">
                      Entfernen<span className="visually-hidden">: {organization.name}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canManage ? (
        <div className="columns">
          <section className="card stack" aria-labelledby="aufnehmen">
            <h2 id="aufnehmen">Vorhandene Organisation aufnehmen</h2>
            {admittable.length === 0 ? (
              <p>
                Alle Organisationen des Portals gehören bereits zum Netzwerk. Legen Sie eine neue
                an.
              </p>
            ) : (
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="admit" />
                <FormErrorSummary errors={admit.errors} />
                <SelectField
                  id="admit-organization"
                  name="organizationId"
                  label="Organisation"
                  options={[
                    { value: "", label: "Bitte wählen …" },
                    ...admittable.map((organization) => ({
                      value: organization.id,
                      label: organization.city
                        ? `${organization.name} (${organization.city})`
                        : organization.name,
                    })),
                  ]}
                  defaultValue={admit.values?.organizationId ?? ""}
                  error={admit.errors?.organizationId}
                />
                <button type="submit" className="button" disabled={busy === "admit"}>
                  {busy === "admit" ? "Wird aufgenommen …" : "In das Netzwerk aufnehmen"}
                </button>
              </Form>
            )}
          </section>
          <section className="card stack" aria-labelledby="neu-anlegen">
            <h2 id="neu-anlegen">Neue Organisation anlegen und aufnehmen</h2>
            <p>Die angegebene Person erhält eine Einladung als Organisations-Administration.</p>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="create" />
              <FormErrorSummary errors={create.errors} />
              <TextField
                id="create-name"
                name="name"
                label="Name der Organisation"
                required
                defaultValue={create.values?.name ?? ""}
                error={create.errors?.name}
              />
              <SelectField
                id="create-kind"
                name="kind"
                label="Art"
                options={kindOptions}
                defaultValue={create.values?.kind ?? "sonstige"}
                error={create.errors?.kind}
              />
              <TextField
                id="create-city"
                name="city"
                label="Ort"
                defaultValue={create.values?.city ?? ""}
                error={create.errors?.city}
              />
              <TextField
                id="create-admin"
                name="adminEmail"
                type="email"
                label="E-Mail der Administration"
                required
                defaultValue={create.values?.adminEmail ?? ""}
                error={create.errors?.adminEmail}
              />
              <button type="submit" className="button" disabled={busy === "create"}>
                {busy === "create" ? "Wird angelegt …" : "Anlegen, aufnehmen und einladen"}
              </button>
            </Form>
          </section>
        </div>
      ) : null}
      {referralPanel ? (
        <NetworkReferralPanel
          figures={referralPanel.figures}
          retentionMonths={referralPanel.retentionMonths}
          feedback={feedbackFor(actionData, "retention")}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
