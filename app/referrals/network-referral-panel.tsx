import { CardSection } from "~/ui/card-section";
import { NumberField } from "~/ui/number-field";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";
import type { ReferralCounts } from "./network-figures.server";
import { retentionSchema } from "./retention-form";
import { DataTable } from "~/ui/data-table";

export interface OrganizationFigures extends ReferralCounts {
  organizationId: string;
  name: string;
}

/** The coordinator's view of referrals in the network: counts and the retention period only. */
export function NetworkReferralPanel({
  figures,
  retentionMonths,
  actionData,
}: {
  figures: OrganizationFigures[];
  retentionMonths: number;
  /** The network page's action answer; only the one to this form is taken. */
  actionData: unknown;
}) {
  const [form, fields] = usePortalForm({
    schema: retentionSchema,
    actionData,
    intent: "retention",
    defaultValue: { months: retentionMonths },
  });
  const saving = useBusyIntent() === "retention";
  return (
    <CardSection id="uebergaben-zahlen" title="Übergaben im Netzwerk (nur Zahlen)">
      <p>
        Als Koordination sehen Sie keine einzelnen Übergaben, nur wie viele jede Organisation
        gesendet und erhalten hat.
      </p>
      <DataTable
        label="Übergaben je Organisation"
        caption="Übergaben je Organisation"
        columns={[
          "Organisation",
          "gesendet",
          "erhalten",
          "offen",
          "überfällig",
          "abgeschlossen",
          "abgelehnt",
        ]}
      >
        {figures.map((row) => (
          <tr key={row.organizationId}>
            <th scope="row">{row.name}</th>
            <td>{row.sent}</td>
            <td>{row.received}</td>
            <td>{row.open}</td>
            <td>{row.overdue}</td>
            <td>{row.completed}</td>
            <td>{row.declined}</td>
          </tr>
        ))}
      </DataTable>
      <IntentForm intent="retention" form={form} className="stack">
        <NumberField
          field={fields.months}
          min={1}
          max={120}
          label="Aufbewahrungsfrist für beendete Übergaben (Monate)"
          hint="Danach werden Pseudonym, Freitexte und Angaben zur Einwilligung gelöscht; Status und Daten bleiben für die Kennzahlen."
        />
        <div className="actions">
          <SubmitButton pending={saving} pendingLabel="Wird gespeichert …">
            Frist speichern
          </SubmitButton>
        </div>
      </IntentForm>
    </CardSection>
  );
}
