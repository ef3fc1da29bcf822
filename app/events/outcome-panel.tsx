import type { ComponentProps } from "react";
import type { TextField } from "~/ui/form";
import { NumberField } from "~/ui/number-field";
import { IntentForm, SubmitButton } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";
import { DataTable } from "~/ui/data-table";
import { outcomeSchema } from "./outcome-form";
import { outcomeFigureLabels, outcomeFigures, type OutcomeFigure } from "./texts";

type Counts = Record<OutcomeFigure, number | null>;

export interface OutcomeRowView extends Record<OutcomeFigure, number> {
  organizationId: string;
  organizationName: string;
}

/** The recorded figures; with rows per organisation for the organiser. */
export function OutcomeSummary({ totals, rows }: { totals: Counts; rows: OutcomeRowView[] }) {
  return (
    <div className="stack">
      <ul className="result-figures">
        {outcomeFigures.map((figure) => (
          <li key={figure}>
            <strong>{totals[figure] ?? 0}</strong>
            {outcomeFigureLabels[figure]}
          </li>
        ))}
      </ul>
      {rows.length > 0 ? (
        <DataTable
          label="Ergebnisse nach reservierender Organisation"
          caption="Nach reservierender Organisation"
          showCaption
          columns={["Organisation", ...outcomeFigures.map((figure) => outcomeFigureLabels[figure])]}
        >
          {rows.map((row) => (
            <tr key={row.organizationId}>
              <th scope="row">{row.organizationName}</th>
              {outcomeFigures.map((figure) => (
                <td key={figure}>{row[figure]}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}

/**
 * The organiser's form: totals, and optionally the figures per reserving organisation (their
 * sum may stay below the totals: people also come without a reservation).
 */
export function OutcomeForm({
  totals,
  rows,
  organizations,
  actionData,
  busy,
}: {
  totals: Counts;
  rows: OutcomeRowView[];
  organizations: { id: string; name: string }[];
  actionData: unknown;
  busy: boolean;
}) {
  const [form, fields] = usePortalForm({
    schema: outcomeSchema(organizations.map((organization) => organization.id)),
    actionData,
    intent: "recordOutcomes",
    defaultValue: {
      ...totals,
      byOrganization: Object.fromEntries(
        rows.map(({ organizationId, organizationName: _name, ...figures }) => [
          organizationId,
          figures,
        ]),
      ),
    },
  });
  const byOrganization = fields.byOrganization.getFieldset();
  return (
    <IntentForm intent="recordOutcomes" form={form} className="stack">
      <fieldset className="stack">
        <legend>Insgesamt</legend>
        <div className="outcome-grid">
          {outcomeFigures.map((figure) => (
            <FigureField key={figure} field={fields[figure]} label={outcomeFigureLabels[figure]} />
          ))}
        </div>
      </fieldset>
      {organizations.map((organization) => {
        const row = byOrganization[organization.id]!.getFieldset();
        return (
          <fieldset key={organization.id} className="stack">
            <legend>Davon über {organization.name} (optional)</legend>
            <div className="outcome-grid">
              {outcomeFigures.map((figure) => (
                <FigureField
                  key={figure}
                  field={row[figure]}
                  label={`${outcomeFigureLabels[figure]} (${organization.name})`}
                />
              ))}
            </div>
          </fieldset>
        );
      })}
      <SubmitButton pending={busy} pendingLabel="Wird gespeichert …">
        Ergebnisse speichern
      </SubmitButton>
    </IntentForm>
  );
}

function FigureField(props: { field: ComponentProps<typeof TextField>["field"]; label: string }) {
  return <NumberField {...props} min={0} />;
}
