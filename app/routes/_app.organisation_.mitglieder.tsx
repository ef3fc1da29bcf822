import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { authorize, memberRolesFor, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { memberRoles, type MemberRole } from "~/db/schema";
import { redirectWithFlash } from "~/flash.server";
import { formFailure, formValues, parseForm, readForm, unhandledIntent } from "~/forms.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { inviteMember } from "~/organizations/invitations.server";
import {
  changeMemberRole,
  deactivateMember,
  listMembers,
  listOpenInvitations,
} from "~/organizations/members.server";
import { memberRoleLabels, organizationTexts } from "~/organizations/texts";
import { requireUuid } from "~/params.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, SelectField, TextField } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { TableScroller } from "~/ui/table-scroller";

export const meta: MetaFunction = () => [{ title: "Mitglieder – Netzwerke ABC" }];

const role = z.enum(memberRoles, { errorMap: () => ({ message: organizationTexts.roleInvalid }) });
const inviteSchema = z.object({
  email: z.string().trim().email(organizationTexts.emailInvalid),
  role,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(
    user,
    { action: "organization.manageMembers", organizationId: user.organizationId },
    clientIp(request),
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
  const ip = clientIp(request);
  await authorize(
    user,
    { action: "organization.manageMembers", organizationId: user.organizationId },
    ip,
  );
  const form = await readForm(request, { intents: ["invite", "changeRole", "deactivate"] });
  if (!form.ok) return form.response;
  const { formData, intent } = form;

  if (intent === "invite") {
    const parsed = parseForm(formData, inviteSchema);
    if (!parsed.ok) return parsed.response;
    const result = await inUnitOfWork((unit) =>
      inviteMember(unit, {
        inviter: user,
        organizationId: user.organizationId,
        email: parsed.data.email,
        role: parsed.data.role,
        ip,
      }),
    );
    if (!result.ok) return formFailure(formValues(formData), { [result.field]: result.message });
    return redirectWithFlash("/organisation/mitglieder", "invitationSent");
  }

  const memberId = requireUuid(String(formData.get("userId") ?? ""));
  if (intent === "changeRole") {
    const parsedRole = role.safeParse(formData.get("role"));
    if (!parsedRole.success)
      return formFailure(formValues(formData), { role: organizationTexts.roleInvalid });
    const result = await changeMemberRole(user, memberId, parsedRole.data, ip);
    if (!result.ok) {
      if ("notFound" in result) throw notFound();
      return formFailure(formValues(formData), { role: result.message });
    }
    return redirectWithFlash("/organisation/mitglieder", "roleChanged");
  }
  if (intent === "deactivate") {
    const result = await deactivateMember(user, memberId, ip);
    if (!result.ok) {
      if ("notFound" in result) throw notFound();
      return formFailure(formValues(formData), { form: result.message });
    }
    return redirectWithFlash("/organisation/mitglieder", "memberDeactivated");
  }
  return unhandledIntent(intent);
}

export default function MembersPage() {
  const { currentUserId, organizationName, roles, members, invitations } =
    useLoaderData<typeof loader>();
  const roleOptions = roles.map((value) => ({ value, label: memberRoleLabels[value] }));
  // A member keeps a role the organisation's kind no longer offers until it is changed.
  const optionsFor = (current: MemberRole) =>
    roles.includes(current)
      ? roleOptions
      : [{ value: current, label: memberRoleLabels[current] }, ...roleOptions];
  const actionData = useActionData<typeof action>();
  const invite = feedbackFor(actionData, "invite");
  const memberFeedback = feedbackFor(actionData);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  return (
    <div className="stack-lg">
      <h1>Mitglieder von {organizationName}</h1>

      <section className="card stack" aria-labelledby="einladen">
        <h2 id="einladen">Mitglied einladen</h2>
        <p>
          Die eingeladene Person erhält eine E-Mail mit einem Link, der 7 Tage gültig ist. Dort legt
          sie Namen und Passwort fest.
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <FormErrorSummary errors={invite.errors} />
          <TextField
            id="invite-email"
            name="email"
            type="email"
            label="E-Mail-Adresse"
            required
            defaultValue={invite.values?.email ?? ""}
            error={invite.errors?.email}
          />
          <SelectField
            id="invite-role"
            name="role"
            label="Rolle"
            options={roleOptions}
            defaultValue={invite.values?.role ?? (roles.includes("staff") ? "staff" : roles.at(-1))}
            error={invite.errors?.role}
          />
          <button type="submit" className="button" disabled={busy === "invite"}>
            {busy === "invite" ? "Einladung wird verschickt …" : "Einladung verschicken"}
          </button>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="mitglieder">
        <h2 id="mitglieder">Mitglieder ({members.length})</h2>
        {memberFeedback.intent && memberFeedback.intent !== "invite" ? (
          <FormErrorSummary errors={memberFeedback.errors} />
        ) : null}
        <TableScroller label="Mitglieder">
          <table>
            <caption className="visually-hidden">
              Mitglieder der Organisation mit Rolle und Status
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-Mail</th>
                <th scope="col">Rolle</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => {
                const self = member.id === currentUserId;
                const active = !member.deactivatedAt;
                return (
                  <tr key={member.id}>
                    <th scope="row">
                      {member.name}
                      {self ? " (Sie)" : ""}
                    </th>
                    <td>{member.email}</td>
                    <td>
                      {self || !active ? (
                        memberRoleLabels[member.role]
                      ) : (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="changeRole" />
                          <input type="hidden" name="userId" value={member.id} />
                          <label className="visually-hidden" htmlFor={`rolle-${member.id}`}>
                            Rolle von {member.name}
                          </label>
                          <select id={`rolle-${member.id}`} name="role" defaultValue={member.role}>
                            {optionsFor(member.role).map((option) => (
                              <option key={option.value} value={option.value}>
                                {option.label}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="button button--secondary">
                            Rolle ändern<span className="visually-hidden"> für {member.name}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                    <td>
                      {active ? (
                        self ? (
                          "aktiv"
                        ) : (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="deactivate" />
                            <input type="hidden" name="userId" value={member.id} />
                            <span>aktiv</span>
                            <button type="submit" className="button button--danger">
                              Deaktivieren<span className="visually-hidden"> – {member.name}</span>
                            </button>
                          </Form>
                        )
                      ) : (
                        `deaktiviert am ${formatDateTime(member.deactivatedAt!)}`
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroller>
      </section>

      <section className="card stack" aria-labelledby="offene-einladungen">
        <h2 id="offene-einladungen">Offene Einladungen</h2>
        {invitations.length === 0 ? (
          <p>Keine offenen Einladungen. Laden Sie oben neue Mitglieder ein.</p>
        ) : (
          <ul className="feed">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <span>
                  {invitation.email} – {memberRoleLabels[invitation.role]}
                </span>
                <span className="muted">gültig bis {formatDateTime(invitation.expiresAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
