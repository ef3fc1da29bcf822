import { useActionData, useLoaderData } from "@remix-run/react";
import { organizationKinds, type OrganizationKind } from "~/db/vocabularies";
import { organizationKindLabels, organizationTexts } from "~/organizations/texts";
import { NetworkReferralPanel } from "~/referrals/network-referral-panel";
import type { action, loader } from "~/routes/_app.netzwerke.$networkId";
import { CardSection } from "~/ui/card-section";
import { FormErrorSummary, SelectField, TextField } from "~/ui/form";
import { InlineSelectForm } from "~/ui/inline-select";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { optionsOf } from "~/ui/options";
import { usePortalForm } from "~/ui/portal-form";
import { admitSchema, changeKindSchema, newOrganizationSchema } from "./network-page-form";

const kindOptions = optionsOf(organizationKinds, organizationKindLabels);

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
  const busy = useBusyIntent();

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

      <CardSection
        id="organisationen"
        title={`Organisationen im Netzwerk (${network.organizations.length})`}
      >
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
                  <InlineSelectForm
                    intent="changeKind"
                    hidden={{ organizationId: organization.id }}
                    id={`art-${organization.id}`}
                    name="kind"
                    label={`Art von ${organization.name}`}
                    options={kindOptions}
                    defaultValue={organization.kind}
                  >
                    Art ändern<span className="visually-hidden">: {organization.name}</span>
                  </InlineSelectForm>
                ) : null}
                {canManage ? (
                  <IntentForm
                    intent="remove"
                    hidden={{ organizationId: organization.id }}
                    className="inline-form"
                  >
                    <SubmitButton className="button button--danger">
                      Entfernen<span className="visually-hidden">: {organization.name}</span>
                    </SubmitButton>
                  </IntentForm>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardSection>

      {canManage ? (
        <div className="columns">
          <CardSection id="aufnehmen" title="Vorhandene Organisation aufnehmen">
            {admittable.length === 0 ? (
              <p>
                Alle Organisationen des Portals gehören bereits zum Netzwerk. Legen Sie eine neue
                an.
              </p>
            ) : (
              <IntentForm intent="admit" form={admit} className="stack">
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
                <SubmitButton pending={busy === "admit"} pendingLabel="Wird aufgenommen …">
                  In das Netzwerk aufnehmen
                </SubmitButton>
              </IntentForm>
            )}
          </CardSection>
          <CardSection id="neu-anlegen" title="Neue Organisation anlegen und aufnehmen">
            <p>Die angegebene Person erhält eine Einladung als Organisations-Administration.</p>
            <IntentForm intent="create" form={create} className="stack">
              <TextField field={createFields.name} label="Name der Organisation" required />
              <SelectField field={createFields.kind} label="Art" options={kindOptions} />
              <TextField field={createFields.city} label="Ort" />
              <TextField
                field={createFields.adminEmail}
                type="email"
                label="E-Mail der Administration"
                required
              />
              <SubmitButton pending={busy === "create"} pendingLabel="Wird angelegt …">
                Anlegen, aufnehmen und einladen
              </SubmitButton>
            </IntentForm>
          </CardSection>
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
