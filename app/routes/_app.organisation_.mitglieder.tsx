import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize, memberRolesFor, notFound } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { inviteMember } from "~/organizations/invitations.server";
import {
  changeRoleSchema,
  inviteSchema,
  memberPageIntents,
  memberSchema,
} from "~/organizations/members-form";
import {
  changeMemberRole,
  deactivateMember,
  listMembers,
  listOpenInvitations,
} from "~/organizations/members.server";
import { MembersView } from "~/organizations/members-view";
import { requireUuid } from "~/params.server";
import { mailLimitReached } from "~/rate-limits.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Mitglieder – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(
    user,
    { action: "organization.manageMembers", organizationId: user.organizationId },
    clientIp(),
  );
  const [members, invitations] = await Promise.all([
    listMembers(user.organizationId),
    listOpenInvitations(user.organizationId),
  ]);
  return json({
    currentUserId: user.id,
    organizationName: user.organizationName,
    roles: memberRolesFor(user.organizationKind),
    members,
    invitations,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  await authorize(
    user,
    { action: "organization.manageMembers", organizationId: user.organizationId },
    ip,
  );
  const form = await readForm(request, { intents: memberPageIntents });
  if (!form.ok) return form.response;
  const here = "/organisation/mitglieder";

  switch (form.intent) {
    case "invite": {
      const submission = parseSubmission(form.formData, inviteSchema);
      const tooMany = await mailLimitReached("invitations", user.id, ip);
      if (tooMany) return rejectSubmission(submission, { form: tooMany }, 429);
      if (submission.status !== "success") return rejectSubmission(submission);
      const { email, role } = submission.value;
      const result = await inUnitOfWork((unit) =>
        inviteMember(unit, { inviter: user, organizationId: user.organizationId, email, role, ip }),
      );
      if (!result.ok) {
        return rejectSubmission(submission, { fields: { [result.field]: result.message } });
      }
      return redirectWithFlash(here, "invitationSent");
    }
    case "changeRole": {
      const submission = parseSubmission(form.formData, changeRoleSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const { userId, role } = submission.value;
      const result = await changeMemberRole(user, requireUuid(userId), role, ip);
      if (!result.ok) {
        if ("notFound" in result) throw notFound();
        return rejectSubmission(submission, { fields: { role: result.message } });
      }
      return redirectWithFlash(here, "roleChanged");
    }
    case "deactivate": {
      const submission = parseSubmission(form.formData, memberSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const result = await deactivateMember(user, requireUuid(submission.value.userId), ip);
      if (!result.ok) {
        if ("notFound" in result) throw notFound();
        return rejectSubmission(submission, { form: result.message });
      }
      return redirectWithFlash(here, "memberDeactivated");
    }
    default:
      return unhandledIntent(form.intent);
  }
}

export default function MembersPage() {
  return <MembersView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
