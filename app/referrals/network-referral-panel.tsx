import { Form, useNavigation } from "@remix-run/react";
import { FormErrorSummary, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import type { ReferralCounts } from "./network-figures.server";
import { retentionSchema } from "./retention-form";
import { TableScroller } from "~/ui/table-scroller";

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
  const navigation = useNavigation();
  const saving =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "retention";
  return (
    <section className="card stack" aria-labelledby="uebergaben-zahlen">
      <h2 id="uebergaben-zahlen">Übergaben im Netzwerk (nur Zahlen)</h2>
      <p>
        Als Koordination sehen Sie keine einzelnen Übergaben, nur wie viele jede Organisation
        gesendet und erhalten hat.
      </p>
      <TableScroller label="Übergaben je Organisation">
        <table>
          <caption className="visually-hidden">Übergaben je Organisation</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">gesendet</th>
              <th scope="col">erhalten</th>
              <th scope="col">offen</th>
              <th scope="col">überfällig</th>
              <th scope="col">abgeschlossen</th>
              <th scope="col">abgelehnt</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </TableScroller>
      <Form method="post" className="stack" {...formProps(form)}>
        <FormErrorSummary form={form} />
        <input type="hidden" name="intent" value="retention" />
        <TextField
          field={fields.months}
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          label="Aufbewahrungsfrist für beendete Übergaben (Monate)"
          hint="Danach werden Pseudonym, Freitexte und Angaben zur Einwilligung gelöscht; Status und Daten bleiben für die Kennzahlen."
        />
        <div className="actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? "Wird gespeichert …" : "Frist speichern"}
          </button>
        </div>
      </Form>
    </section>
  );
}
