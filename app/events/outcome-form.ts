import { z } from "zod";
import {
  outcomeFigureLabels,
  outcomeFigures,
  outcomeTexts as texts,
  type OutcomeFigure,
} from "./texts";

/**
 * The organiser's outcome form, checked in the browser and again by the action: totals, and
 * optionally the figures per reserving organisation under `byOrganization.<id>.<figure>`.
 *
 * The totals are entered by themselves; rows per reserving organisation are optional and must
 * not add up to more than the totals. Totals are not simply the sum of the rows, because people
 * also come without a reservation (walk-ins at an Infostand, an employer's own applicants), and
 * an organiser may know the totals without being able to split all of them.
 */

export type OutcomeCounts = Record<OutcomeFigure, number>;

export interface OutcomeInput {
  totals: OutcomeCounts;
  byOrganization: ({ organizationId: string } & OutcomeCounts)[];
}

const MAX_FIGURE = 10_000;

/** A blank figure is null; a refused one too, so that the sums are still checked. */
const figure = z
  .string()
  .trim()
  .default("")
  .transform((value, context) => {
    if (value === "") return null;
    const number = Number(value);
    if (Number.isInteger(number) && number >= 0 && number <= MAX_FIGURE) return number;
    context.addIssue({ code: "custom", message: texts.figureInvalid });
    return null;
  });

const figures = z.object(
  Object.fromEntries(outcomeFigures.map((name) => [name, figure])) as Record<
    OutcomeFigure,
    typeof figure
  >,
);
type Figures = z.output<typeof figures>;

const counts = (row: Figures) =>
  Object.fromEntries(outcomeFigures.map((name) => [name, row[name] ?? 0])) as OutcomeCounts;

/** Totals and the rows that have any figure; blank rows are left out. */
function outcomeInput(
  value: Figures & { byOrganization: Record<string, Figures> },
  organizationIds: readonly string[],
): OutcomeInput {
  const byOrganization: OutcomeInput["byOrganization"] = [];
  for (const organizationId of organizationIds) {
    const row = value.byOrganization[organizationId];
    if (!row || outcomeFigures.every((name) => row[name] === null)) continue;
    byOrganization.push({ organizationId, ...counts(row) });
  }
  return { totals: counts(value), byOrganization };
}

/** The form for the organisations that reserved (or whose rows were recorded before). */
export function outcomeSchema(organizationIds: readonly string[]) {
  const rows = Object.fromEntries(organizationIds.map((id) => [id, figures.default({})]));
  return figures
    .extend({ byOrganization: z.object(rows).default({}) })
    .superRefine((value, context) => {
      const { totals, byOrganization } = outcomeInput(value, organizationIds);
      for (const name of outcomeFigures) {
        const sum = byOrganization.reduce((total, row) => total + row[name], 0);
        if (sum <= totals[name]) continue;
        const message = texts.sumExceedsTotal(outcomeFigureLabels[name]);
        context.addIssue({ code: "custom", path: [name], message });
      }
    })
    .transform((value) => outcomeInput(value, organizationIds));
}
