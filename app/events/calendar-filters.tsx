import { Form, Link } from "@remix-run/react";
import { eventKinds } from "~/db/vocabularies";
import { targetGroups } from "~/directory/target-groups";
import { SelectField } from "~/ui/form";
import { optionsOf } from "~/ui/options";
import type { CalendarPage } from "./calendar.server";
import { calendarTexts } from "./calendar-texts";
import { eventKindLabels } from "./vocabulary";

const kindOptions = [
  { value: "", label: calendarTexts.allKinds },
  ...optionsOf(eventKinds, eventKindLabels),
];
const targetGroupOptions = [
  { value: "", label: calendarTexts.allTargetGroups },
  ...optionsOf(targetGroups),
];

/** The date parameter of each view, carried through the filter form as a hidden field. */
const anchorParameter = { liste: "ab", woche: "woche", monat: "monat" } as const;

/**
 * Filters by kind and target group: a plain GET form, so it works without JavaScript and the
 * filtered calendar can be bookmarked. The shown view and days stay as they are.
 */
export function CalendarFilters({ page }: { page: CalendarPage }) {
  const filtered = page.filters.kind !== null || page.filters.targetGroup !== null;
  const anchor = page.view === "monat" ? page.anchor.slice(0, 7) : page.anchor;
  const selects = [
    {
      id: "filter-art",
      name: "art",
      label: calendarTexts.kind,
      options: kindOptions,
      chosen: page.filters.kind,
    },
    {
      id: "filter-zielgruppe",
      name: "zielgruppe",
      label: calendarTexts.targetGroup,
      options: targetGroupOptions,
      chosen: page.filters.targetGroup,
    },
  ];
  return (
    <Form
      // Remounted when the filters in the URL change (reset link, back button), so the selects
      // never show a filter that is no longer applied.
      key={`${page.filters.kind ?? ""}|${page.filters.targetGroup ?? ""}`}
      method="get"
      action="/veranstaltungen"
      className="card filters calendar-filters"
      aria-label={calendarTexts.filters}
    >
      <input type="hidden" name="ansicht" value={page.view} />
      <input type="hidden" name={anchorParameter[page.view]} value={anchor} />
      {selects.map(({ chosen, ...select }) => (
        <SelectField key={select.name} {...select} defaultValue={chosen ?? ""} />
      ))}
      <button type="submit" className="button button--secondary">
        {calendarTexts.applyFilters}
      </button>
      {filtered ? <Link to={page.navigation.unfiltered}>{calendarTexts.resetFilters}</Link> : null}
    </Form>
  );
}
