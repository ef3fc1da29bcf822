import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { can } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { runSearch, searchFromUrl, SEARCH_PAGE_SIZE } from "~/ideas/search-page.server";
import { SearchForm } from "~/ideas/search-form";
import { ideaStatusLabels, ideaVisibilityLabels } from "~/ideas/texts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Ideenbörse – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = searchFromUrl(new URL(request.url), user);
  const result = await runSearch(query);
  return json({
    query: { text: query.text, sort: query.sort, filters: query.filters, page: query.page },
    result,
    pageCount: Math.max(1, Math.ceil(result.total / SEARCH_PAGE_SIZE)),
    canWrite: can(user, { action: "idea.create" }),
  });
}

export default function IdeaSearchPage() {
  const { query, result, pageCount, canWrite } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("seite", String(page));
    return `?${next.toString()}`;
  };
  const searched = query.text !== "" || Object.keys(query.filters).length > 0;

  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>Ideenbörse</h1>
        <p className="lead">
          Was hat wo funktioniert, für wen, mit welchem Ergebnis – und wen können Sie anrufen?
        </p>
        <p className="actions">
          {canWrite ? (
            <Link to="/ideen/neu" className="button">
              Idee beschreiben
            </Link>
          ) : null}
          <Link to="/ideen/meine">Meine Ideen und Merkliste</Link>
        </p>
      </div>
      <div className="search-layout">
        <SearchForm
          text={query.text}
          sort={query.sort}
          filters={query.filters}
          facets={result.facets}
        />
        <section aria-labelledby="treffer" className="stack">
          <h2 id="treffer" aria-live="polite">
            {result.total === 1 ? "1 Idee" : `${result.total} Ideen`}
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
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
