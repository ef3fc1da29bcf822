import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize, can, notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { organizationProfileSchema } from "~/organizations/organization-form";
import { getOrganization, updateOrganizationProfile } from "~/organizations/organizations.server";
import { OrganizationProfileView } from "~/organizations/profile-view";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Meine Organisation – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organization = await getOrganization(user.organizationId);
  if (!organization) throw notFound();
  return json({
    organization,
    canEdit: can(user, { action: "organization.edit", organizationId: user.organizationId }),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  await authorize(user, { action: "organization.edit", organizationId: user.organizationId }, ip);
  const form = await readForm(request);
  if (!form.ok) return form.response;
  const submission = parseSubmission(form.formData, organizationProfileSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  await updateOrganizationProfile(user, user.organizationId, submission.value, ip);
  return redirectWithFlash("/organisation", "profileSaved");
}

export default function OrganizationPage() {
  return <OrganizationProfileView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
