import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
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
  removeFormerMember,
  resetMemberSecondFactor,
  type MemberRefusal,
} from "~/organizations/members.server";
import { MembersView } from "~/organizations/members-view";
import { requireUuid } from "~/params.server";
import { mailLimitReached } from "~/rate-limits.server";
import { CardSection } from "~/ui/card-section";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrorSummary, TextField } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { resultFor, usePortalForm } from "~/ui/portal-form";

/**
 * Leaving and a lost phone (issue 14): deleting a former member and resetting a member's second
 * factor. Their forms live here until members-form.ts and members-view.tsx take them in.
 */
const leavingIntents = ["remove", "resetSecondFactor"] as const;

export const memberLeavingTexts = {
  confirmNameRequired: "Bitte geben Sie zur Bestätigung den Namen des Mitglieds ein.",
  nameMismatch:
    "Der eingegebene Name stimmt nicht mit dem Namen des Mitglieds überein. Bitte geben Sie ihn genau so ein, wie er in der Liste steht.",
  stillActive:
    "Nur ehemalige Mitglieder können gelöscht werden. Deaktivieren Sie das Mitglied bitte zuerst.",
  self: "Ihren eigenen zweiten Faktor verwalten Sie unter „Mein Konto“ → „Zweiter Faktor“.",
  noSecondFactor:
    "Dieses Mitglied hat keinen zweiten Faktor eingerichtet; es gibt nichts zurückzusetzen.",
} satisfies Record<MemberRefusal | "confirmNameRequired", string>;

/** Deleting a former member: the name typed exactly as the list shows it confirms it. */
export const removeMemberSchema = memberSchema.extend({
  confirmName: z
    .string({ required_error: memberLeavingTexts.confirmNameRequired })
    .trim()
    .min(1, memberLeavingTexts.confirmNameRequired),
});

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
  const form = await readForm(request, { intents: [...memberPageIntents, ...leavingIntents] });
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
    case "remove": {
      const submission = parseSubmission(form.formData, removeMemberSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const { userId, confirmName } = submission.value;
      const result = await removeFormerMember(user, requireUuid(userId), confirmName, ip);
      if (!result.ok) {
        if ("notFound" in result) throw notFound();
        const message = memberLeavingTexts[result.refusal];
        return rejectSubmission(
          submission,
          result.refusal === "nameMismatch"
            ? { fields: { confirmName: message } }
            : { form: message },
        );
      }
      return redirectWithFlash(here, "memberRemoved");
    }
    case "resetSecondFactor": {
      const submission = parseSubmission(form.formData, memberSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const result = await resetMemberSecondFactor(user, requireUuid(submission.value.userId), ip);
      if (!result.ok) {
        if ("notFound" in result) throw notFound();
        return rejectSubmission(submission, { form: memberLeavingTexts[result.refusal] });
      }
      return redirectWithFlash(here, "memberSecondFactorReset");
    }
    default:
      return unhandledIntent(form.intent);
  }
}

export default function MembersPage() {
  return (
    <div className="stack-lg">
      <MembersView />
      <SecondFactorSection />
      <FormerMembersSection />
    </div>
  );
}

/** Members' second factors; an admin resets one after a lost phone (their own: Mein Konto). */
function SecondFactorSection() {
  const { currentUserId, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [reset] = usePortalForm({ schema: memberSchema, actionData, intent: "resetSecondFactor" });
  const busy = useBusyIntent();
  const active = members.filter((member) => !member.deactivatedAt && member.id !== currentUserId);
  return (
    <CardSection id="zweiter-faktor" title="Zweiter Faktor der Mitglieder">
      <p>
        Hat ein Mitglied sein Telefon verloren, setzen Sie seinen zweiten Faktor zurück. Das
        Mitglied wird überall abgemeldet und per E-Mail informiert; bei der nächsten Anmeldung
        richtet es einen neuen ein.
      </p>
      {active.length === 0 ? (
        <p>Außer Ihnen hat die Organisation keine aktiven Mitglieder. Laden Sie oben welche ein.</p>
      ) : (
        <>
          <FormErrorSummary form={reset} />
          <DataTable
            label="Zweiter Faktor der Mitglieder"
            caption="Aktive Mitglieder und ob sie einen zweiten Faktor eingerichtet haben"
            columns={["Name", "Zweiter Faktor", "Aktion"]}
          >
            {active.map((member) => (
              <tr key={member.id}>
                <th scope="row">{member.name}</th>
                <td>
                  {member.hasSecondFactor ? "Zweiter Faktor eingerichtet" : "nicht eingerichtet"}
                </td>
                <td>
                  {member.hasSecondFactor ? (
                    <IntentForm
                      intent="resetSecondFactor"
                      hidden={{ userId: member.id }}
                      className="inline-form"
                    >
                      <SubmitButton className="button button--danger" disabled={!!busy}>
                        Zweiten Faktor zurücksetzen
                        <span className="visually-hidden"> – {member.name}</span>
                      </SubmitButton>
                    </IntentForm>
                  ) : (
                    "–"
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </CardSection>
  );
}

/** Deactivated members, each with the form that deletes (anonymises) them. */
function FormerMembersSection() {
  const { members } = useLoaderData<typeof loader>();
  const former = members.filter((member) => member.deactivatedAt);
  return (
    <CardSection id="ehemalige-mitglieder" title="Ehemalige Mitglieder löschen">
      <p>
        Löschen Sie ein ehemaliges Mitglied, werden Name, E-Mail-Adresse, Funktion, Telefon,
        Anmeldedaten und Einstellungen entfernt. Beiträge und Ideen bleiben für Ihre Organisation
        und das Netzwerk erhalten und erscheinen als „ehemaliges Mitglied“. Das lässt sich nicht
        rückgängig machen.
      </p>
      {former.length === 0 ? (
        <p>
          Es gibt keine ehemaligen Mitglieder. Hat jemand die Organisation verlassen, deaktivieren
          Sie das Mitglied oben; danach können Sie es hier löschen.
        </p>
      ) : (
        <ul className="stack">
          {former.map((member) => (
            <li key={member.id}>
              <RemoveMemberForm member={member} />
            </li>
          ))}
        </ul>
      )}
    </CardSection>
  );
}

function RemoveMemberForm({
  member,
}: {
  member: { id: string; name: string; deactivatedAt: string | null };
}) {
  const actionData = useActionData<typeof action>();
  const busy = useBusyIntent();
  // Only the row that was sent shows its refusal and keeps what was typed.
  const answer = resultFor(actionData, "remove");
  const [form, fields] = usePortalForm({
    schema: removeMemberSchema,
    actionData: answer?.initialValue?.userId === member.id ? answer : undefined,
    intent: "remove",
    id: `entfernen-${member.id}`,
  });
  return (
    <IntentForm intent="remove" form={form} hidden={{ userId: member.id }} className="stack">
      <p>
        <strong>{member.name}</strong>
        {member.deactivatedAt ? ` – deaktiviert am ${formatDateTime(member.deactivatedAt)}` : ""}
      </p>
      <TextField
        field={fields.confirmName}
        label={`Zur Bestätigung den Namen „${member.name}“ eingeben`}
        autoComplete="off"
      />
      <SubmitButton className="button button--danger" disabled={!!busy}>
        Endgültig löschen<span className="visually-hidden"> – {member.name}</span>
      </SubmitButton>
    </IntentForm>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
