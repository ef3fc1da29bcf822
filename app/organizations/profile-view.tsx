import type { SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { action, loader } from "~/routes/_app.organisation";
import { FormErrorSummary, TextAreaField, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { organizationProfileSchema } from "./organization-form";
import { organizationKindLabels, organizationTexts } from "./texts";

/** The organisation's profile: a form for its administration, the details for everyone else. */
export function OrganizationProfileView() {
  const { organization, canEdit } = useLoaderData<typeof loader>();
  return canEdit ? <ProfileForm /> : <ProfileDetails organization={organization} />;
}

type Organization = SerializeFrom<typeof loader>["organization"];

function ProfileDetails({ organization }: { organization: Organization }) {
  return (
    <div className="stack-lg">
      <h1>{organization.name}</h1>
      <section className="card">
        <dl className="details">
          <dt>Art</dt>
          <dd>{organizationKindLabels[organization.kind]}</dd>
          <dt>Ort</dt>
          <dd>{organization.city || "–"}</dd>
          <dt>Beschreibung</dt>
          <dd>{organization.description || "–"}</dd>
          <dt>Kontakt</dt>
          <dd>
            {[organization.contactEmail, organization.phone].filter(Boolean).join(" · ") || "–"}
          </dd>
          <dt>Website</dt>
          <dd>{organization.website || "–"}</dd>
        </dl>
        <p className="muted">Änderungen am Profil nimmt die Organisations-Administration vor.</p>
      </section>
    </div>
  );
}

function ProfileForm() {
  const { organization } = useLoaderData<typeof loader>();
  const [form, fields] = usePortalForm({
    schema: organizationProfileSchema,
    actionData: useActionData<typeof action>(),
    defaultValue: organization,
  });
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="stack-lg">
      <h1>Profil der Organisation</h1>
      <Form method="post" className="card stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        <TextField field={fields.name} label="Name" required />
        <p>
          Art der Organisation: {organizationKindLabels[organization.kind]}.{" "}
          <span className="muted">{organizationTexts.kindSetByCoordination}</span>
        </p>
        <TextField field={fields.city} label="Ort" />
        <TextAreaField
          field={fields.description}
          label="Beschreibung"
          hint="Wofür steht Ihre Organisation, für wen ist sie da?"
          rows={4}
        />
        <TextField field={fields.contactEmail} type="email" label="Kontakt-E-Mail" />
        <TextField field={fields.phone} type="tel" label="Telefon" />
        <TextField field={fields.website} type="url" label="Website" />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Wird gespeichert …" : "Profil speichern"}
        </button>
      </Form>
    </div>
  );
}
