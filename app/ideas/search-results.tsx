import type { SerializeFrom } from "@remix-run/node";
import { Link, useSearchParams } from "@remix-run/react";
import { formatDateTime } from "~/ui/format";
import { plural } from "~/ui/plural";
import type { loadSearchPage } from "./search-page.server";
import { ideaStatusLabels, ideaVisibilityLabels } from "./texts";

/** The hits of a search, one page of them, and the links to the other pages. */
export function SearchResults({
  query,
  result,
  pageCount,
}: Omit<SerializeFrom<typeof loadSearchPage>, "canWrite">) {
  const [searchParams] = useSearchParams();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("seite", String(page));
    return `?${next.toString()}`;
  };
  const searched = query.text !== "" || Object.keys(query.filters).length > 0;

  return (
    <section aria-labelledby="treffer" className="stack">
      <h2 id="treffer" aria-live="polite">
        {plural(result.total, { one: "Idee", other: "Ideen" })}
        {query.text ? ` für „${query.text}“` : ""}
      </h2>
      {result.hits.length === 0 ? (
        <p className="card">
          {searched
            ? "Keine Idee passt zu dieser Suche. Versuchen Sie ein anderes oder kürzeres Wort, oder setzen Sie die Filter zurück."
            : "Noch keine Ideen in Ihrem Netzwerk. Beschreiben Sie die erste – was hat bei Ihnen funktioniert?"}
        </p>
      ) : (
        <ol className="hit-list">
          {result.hits.map((hit) => (
            <li key={hit.id} className="card stack">
              <h3>
                <Link
                  to={`/ideen/${hit.id}`}
                  // Engine output: escaped text with <mark> only (see markMatches).
                  dangerouslySetInnerHTML={{ __html: hit.titleHighlighted }}
                />
              </h3>
              <p dangerouslySetInnerHTML={{ __html: hit.snippet }} />
              <p className="muted">
                {hit.status !== "published" ? (
                  <span className="badge">{ideaStatusLabels[hit.status]}</span>
                ) : null}{" "}
                {ideaVisibilityLabels[hit.visibility]}
                {hit.publishedAt ? ` · veröffentlicht ${formatDateTime(hit.publishedAt)}` : ""}
                {hit.adoptionCount > 0 ? ` · ${hit.adoptionCount}× übernommen` : ""}
              </p>
            </li>
          ))}
        </ol>
      )}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label="Seiten">
          {query.page > 1 ? <Link to={pageLink(query.page - 1)}>← Zurück</Link> : null}
          <span>
            Seite {query.page} von {pageCount}
          </span>
          {query.page < pageCount ? <Link to={pageLink(query.page + 1)}>Weiter →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
