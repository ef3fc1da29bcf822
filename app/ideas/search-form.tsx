import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { organizationKindLabels } from "~/organizations/texts";
import { facetNames, searchSorts, type FacetCount, type FacetName } from "~/search/engine";
import { SelectField, TextField } from "~/ui/form";
import { facetLabels, ideaVisibilityLabels, sortLabels } from "./texts";

const DEBOUNCE_MS = 300;

function facetValueLabel(facet: FacetName, value: string): string {
  if (facet === "scope") return ideaVisibilityLabels[value as "network" | "nationwide"] ?? value;
  if (facet === "partnerKinds") {
    return organizationKindLabels[value as keyof typeof organizationKindLabels] ?? value;
  }
  return value;
}

/**
 * The search form: a plain GET form (works without JavaScript) that, with JavaScript, searches
 * while typing after a short pause and on every facet change, replacing the history entry.
 */
export function SearchForm({
  text,
  sort,
  filters,
  facets,
}: {
  text: string;
  sort: string;
  filters: Partial<Record<FacetName, string[]>>;
  facets: Record<FacetName, FacetCount[]>;
}) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  const submitSoon = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (formRef.current) submit(formRef.current, { replace: true, preventScrollReset: true });
    }, delay);
  };
  const searching = navigation.state === "loading" && navigation.location.pathname === "/ideen";

  return (
    <Form
      ref={formRef}
      method="get"
      action="/ideen"
      role="search"
      aria-label="Ideen durchsuchen"
      className="stack"
      onChange={(event) => {
        const target = event.target as HTMLInputElement;
        submitSoon(target.name === "q" ? DEBOUNCE_MS : 0);
      }}
    >
      <div className="search-bar">
        <TextField
          id="suche"
          type="search"
          name="q"
          label="Suchbegriff"
          hint="Findet auch Wortteile und Tippfehler. Mehrere Wörter müssen alle vorkommen; „in Anführungszeichen“ sucht genau diese Wortfolge."
          defaultValue={text}
          autoComplete="off"
          placeholder="z. B. Praktikum, Schuldnerberatung, Speed-Dating"
        />
        <SelectField
          id="sortierung"
          name="sortierung"
          label="Sortierung"
          defaultValue={sort}
          options={searchSorts.map((value) => ({ value, label: sortLabels[value] }))}
        />
        <button type="submit" className="button">
          {searching ? "Sucht …" : "Suchen"}
        </button>
      </div>
      <details className="facets" open>
        <summary>Filter</summary>
        <div className="facets__groups">
          {facetNames.map((facet) => {
            const counts = facets[facet];
            const active = filters[facet] ?? [];
            const values = [
              ...counts,
              ...active
                .filter((value) => !counts.some((count) => count.value === value))
                .map((value) => ({ value, count: 0 })),
            ];
            if (values.length === 0) return null;
            return (
              <fieldset key={facet} className="facet">
                <legend>{facetLabels[facet]}</legend>
                {values.map(({ value, count }) => (
                  <label key={value} className="checkbox">
                    <input
                      type="checkbox"
                      name={facet}
                      value={value}
                      defaultChecked={active.includes(value)}
                    />
                    <span>
                      {facetValueLabel(facet, value)} <span className="muted">({count})</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            );
          })}
        </div>
        <noscript>
          <button type="submit" className="button button--secondary">
            Filter anwenden
          </button>
        </noscript>
        <p>
          <Link to="/ideen">Suche und Filter zurücksetzen</Link>
        </p>
      </details>
    </Form>
  );
}
