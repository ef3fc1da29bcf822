import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { authorize, can } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { parseForm, readForm } from "~/forms.server";
import {
  getOrganization,
  organizationProfileSchema,
  updateOrganizationProfile,
} from "~/organizations/organizations.server";
import { organizationKindLabels, organizationTexts } from "~/organizations/texts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, TextAreaField, TextField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Meine Organisation – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organization = await getOrganization(user.organizationId);
  if (!organization) throw new Response("Nicht gefunden", { status: 404 });
  return json({
    organization,
    canEdit: can(user, { action: "organization.edit", organizationId: user.organizationId }),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  await authorize(user, { action: "organization.edit", organizationId: user.organizationId }, ip);
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const parsed = parseForm(form.formData, organizationProfileSchema);
  if (!parsed.ok) return parsed.response;
  await updateOrganizationProfile(user, user.organizationId, parsed.data, ip);
  return redirectWithFlash("/organisation", "profileSaved");
}

export default function OrganizationPage() {
  const { organization, canEdit } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  const submitting = useNavigation().state === "submitting";
  const value = (field: keyof typeof organization) =>
    feedback.values?.[field] ?? organization[field];

  if (!canEdit) {
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

  return (
    <div className="stack-lg">
      <h1>Profil der Organisation</h1>
      <Form method="post" className="card stack" noValidate>
        <FormErrorSummary errors={feedback.errors} />
        <TextField
          id="name"
          name="name"
          label="Name"
          required
          defaultValue={value("name")}
          error={feedback.errors?.name}
        />
        <p>
          Art der Organisation: {organizationKindLabels[organization.kind]}.{" "}
          <span className="muted">{organizationTexts.kindSetByCoordination}</span>
        </p>
        <TextField
          id="city"
          name="city"
          label="Ort"
          defaultValue={value("city")}
          error={feedback.errors?.city}
        />
        <TextAreaField
          id="description"
          name="description"
          label="Beschreibung"
          hint="Wofür steht Ihre Organisation, für wen ist sie da?"
          rows={4}
          defaultValue={value("description")}
          error={feedback.errors?.description}
        />
        <TextField
          id="contactEmail"
          name="contactEmail"
          type="email"
          label="Kontakt-E-Mail"
          defaultValue={value("contactEmail")}
          error={feedback.errors?.contactEmail}
        />
        <TextField
          id="phone"
          name="phone"
          type="tel"
          label="Telefon"
          defaultValue={value("phone")}
          error={feedback.errors?.phone}
        />
        <TextField
          id="website"
          name="website"
          type="url"
          label="Website"
          defaultValue={value("website")}
          error={feedback.errors?.website}
        />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Wird gespeichert …" : "Profil speichern"}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
