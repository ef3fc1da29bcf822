import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type MemberRole } from "~/db/vocabularies";
import type { action, loader } from "~/routes/_app.organisation_.mitglieder";
import { FormErrorSummary, SelectField, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { TableScroller } from "~/ui/table-scroller";
import { changeRoleSchema, inviteSchema, memberSchema } from "./members-form";
import { memberRoleLabels } from "./texts";

/** The members page: inviting, the members with their roles, and the open invitations. */
export function MembersView() {
  const { currentUserId, organizationName, roles, members, invitations } =
    useLoaderData<typeof loader>();
  const roleOptions = roles.map((value) => ({ value, label: memberRoleLabels[value] }));
  // A member keeps a role the organisation's kind no longer offers until it is changed.
  const optionsFor = (current: MemberRole) =>
    roles.includes(current)
      ? roleOptions
      : [{ value: current, label: memberRoleLabels[current] }, ...roleOptions];
  const actionData = useActionData<typeof action>();
  const [invite, inviteFields] = usePortalForm({
    schema: inviteSchema,
    actionData,
    intent: "invite",
    defaultValue: { role: roles.includes("staff") ? "staff" : roles.at(-1) },
  });
  // The rows' forms have nothing to type: a refusal shows once above the table.
  const [roleChange] = usePortalForm({
    schema: changeRoleSchema,
    actionData,
    intent: "changeRole",
  });
  const [deactivation] = usePortalForm({ schema: memberSchema, actionData, intent: "deactivate" });
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
        <Form method="post" className="stack" {...formProps(invite)}>
          <input type="hidden" name="intent" value="invite" />
          <FormErrorSummary form={invite} />
          <TextField field={inviteFields.email} type="email" label="E-Mail-Adresse" required />
          <SelectField field={inviteFields.role} label="Rolle" options={roleOptions} />
          <button type="submit" className="button" disabled={busy === "invite"}>
            {busy === "invite" ? "Einladung wird verschickt …" : "Einladung verschicken"}
          </button>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="mitglieder">
        <h2 id="mitglieder">Mitglieder ({members.length})</h2>
        <FormErrorSummary form={roleChange} />
        <FormErrorSummary form={deactivation} />
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
