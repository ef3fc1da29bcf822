import { useActionData, useLoaderData } from "@remix-run/react";
import { type MemberRole } from "~/db/vocabularies";
import type { action, loader } from "~/routes/_app.organisation_.mitglieder";
import { CardSection } from "~/ui/card-section";
import { FormErrorSummary, SelectField, TextField } from "~/ui/form";
import { InlineSelectForm } from "~/ui/inline-select";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { DataTable } from "~/ui/data-table";
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
  const busy = useBusyIntent();

  return (
    <div className="stack-lg">
      <h1>Mitglieder von {organizationName}</h1>

      <CardSection id="einladen" title="Mitglied einladen">
        <p>
          Die eingeladene Person erhält eine E-Mail mit einem Link, der 7 Tage gültig ist. Dort legt
          sie Namen und Passwort fest.
        </p>
        <IntentForm intent="invite" form={invite} className="stack">
          <TextField field={inviteFields.email} type="email" label="E-Mail-Adresse" required />
          <SelectField field={inviteFields.role} label="Rolle" options={roleOptions} />
          <SubmitButton pending={busy === "invite"} pendingLabel="Einladung wird verschickt …">
            Einladung verschicken
          </SubmitButton>
        </IntentForm>
      </CardSection>

      <CardSection id="mitglieder" title={`Mitglieder (${members.length})`}>
        <FormErrorSummary form={roleChange} />
        <FormErrorSummary form={deactivation} />
        <DataTable
          label="Mitglieder"
          caption="Mitglieder der Organisation mit Rolle und Status"
          columns={["Name", "E-Mail", "Rolle", "Status"]}
        >
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
                    <InlineSelectForm
                      intent="changeRole"
                      hidden={{ userId: member.id }}
                      id={`rolle-${member.id}`}
                      name="role"
                      label={`Rolle von ${member.name}`}
                      options={optionsFor(member.role)}
                      defaultValue={member.role}
                    >
                      Rolle ändern<span className="visually-hidden"> für {member.name}</span>
                    </InlineSelectForm>
                  )}
                </td>
                <td>
                  {active ? (
                    self ? (
                      "aktiv"
                    ) : (
                      <IntentForm
                        intent="deactivate"
                        hidden={{ userId: member.id }}
                        className="inline-form"
                      >
                        <span>aktiv</span>
                        <SubmitButton className="button button--danger">
                          Deaktivieren<span className="visually-hidden"> – {member.name}</span>
                        </SubmitButton>
                      </IntentForm>
                    )
                  ) : (
                    `deaktiviert am ${formatDateTime(member.deactivatedAt!)}`
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </CardSection>

      <CardSection id="offene-einladungen" title="Offene Einladungen">
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
      </CardSection>
    </div>
  );
}
