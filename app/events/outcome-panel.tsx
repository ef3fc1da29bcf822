import { Form } from "@remix-run/react";
import { FormErrorSummary, submitted, TextField, type FormFeedback } from "~/ui/form";
import { outcomeField, outcomeFigureLabels, outcomeFigures, type OutcomeFigure } from "./texts";
import { TableScroller } from "~/ui/table-scroller";

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
        <TableScroller label="Ergebnisse nach reservierender Organisation">
          <table>
            <caption>Nach reservierender Organisation</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                {outcomeFigures.map((figure) => (
                  <th key={figure} scope="col">
                    {outcomeFigureLabels[figure]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.organizationId}>
                  <th scope="row">{row.organizationName}</th>
                  {outcomeFigures.map((figure) => (
                    <td key={figure}>{row[figure]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
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
  feedback,
  busy,
}: {
  totals: Counts;
  rows: OutcomeRowView[];
  organizations: { id: string; name: string }[];
  feedback: FormFeedback;
  busy: boolean;
}) {
  const errors = feedback.errors ?? {};
  const stored = (figure: OutcomeFigure, organizationId?: string) => {
    if (!organizationId) return totals[figure] === null ? "" : String(totals[figure]);
    const row = rows.find((candidate) => candidate.organizationId === organizationId);
    return row ? String(row[figure]) : "";
  };
  const field = (figure: OutcomeFigure, label: string, organizationId?: string) => {
    const name = outcomeField(figure, organizationId);
    return (
      <TextField
        key={name}
        id={`ergebnis-${name}`}
        name={name}
        type="number"
        inputMode="numeric"
        min={0}
        label={label}
        defaultValue={submitted(feedback, name, stored(figure, organizationId))}
        error={errors[name]}
      />
    );
  };
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="recordOutcomes" />
      <FormErrorSummary errors={feedback.errors} />
      <fieldset className="stack">
        <legend>Insgesamt</legend>
        <div className="outcome-grid">
          {outcomeFigures.map((figure) => field(figure, outcomeFigureLabels[figure]))}
        </div>
      </fieldset>
      {organizations.map((organization) => (
        <fieldset key={organization.id} className="stack">
          <legend>Davon über {organization.name} (optional)</legend>
          <div className="outcome-grid">
            {outcomeFigures.map((figure) =>
              field(
                figure,
                `${outcomeFigureLabels[figure]} (${organization.name})`,
                organization.id,
              ),
            )}
          </div>
        </fieldset>
      ))}
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Wird gespeichert …" : "Ergebnisse speichern"}
      </button>
    </Form>
  );
}
