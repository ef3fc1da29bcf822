import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { organizationKinds, type OrganizationKind } from "~/db/vocabularies";
import { organizationKindLabels, organizationTexts } from "~/organizations/texts";
import { NetworkReferralPanel } from "~/referrals/network-referral-panel";
import type { action, loader } from "~/routes/_app.netzwerke.$networkId";
import { FormErrorSummary, SelectField, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { admitSchema, changeKindSchema, newOrganizationSchema } from "./network-page-form";

const kindOptions = organizationKinds.map((kind) => ({
  value: kind,
  label: organizationKindLabels[kind],
}));

/** The network page: member organisations, admission, creation and the coordinator's figures. */
export function NetworkView() {
  const { network, coordinators, canManage, canChangeKinds, admittable, referralPanel } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [admit, admitFields] = usePortalForm({ schema: admitSchema, actionData, intent: "admit" });
  const [create, createFields] = usePortalForm({
    schema: newOrganizationSchema,
    actionData,
    intent: "create",
    defaultValue: { kind: "sonstige" },
  });
  // One row form per organisation with nothing to type: a refusal shows above the list.
  const [kindChange] = usePortalForm({
    schema: changeKindSchema,
    actionData,
    intent: "changeKind",
  });
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
            <FormErrorSummary form={kindChange} />
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
                      defaultValue={organization.kind}
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
              <Form method="post" className="stack" {...formProps(admit)}>
                <input type="hidden" name="intent" value="admit" />
                <FormErrorSummary form={admit} />
                <SelectField
                  field={admitFields.organizationId}
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
            <Form method="post" className="stack" {...formProps(create)}>
              <input type="hidden" name="intent" value="create" />
              <FormErrorSummary form={create} />
              <TextField field={createFields.name} label="Name der Organisation" required />
              <SelectField field={createFields.kind} label="Art" options={kindOptions} />
              <TextField field={createFields.city} label="Ort" />
              <TextField
                field={createFields.adminEmail}
                type="email"
                label="E-Mail der Administration"
                required
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
          actionData={actionData}
        />
      ) : null}
    </div>
  );
}
