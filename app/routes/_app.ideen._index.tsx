import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { loadSearchPage } from "~/ideas/search-page.server";
import { SearchForm } from "~/ideas/search-form";
import { SearchResults } from "~/ideas/search-results";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Ideenbörse – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(await loadSearchPage(user, new URL(request.url)));
}

export default function IdeaSearchPage() {
  const { query, result, pageCount, canWrite } = useLoaderData<typeof loader>();

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
        <SearchResults query={query} result={result} pageCount={pageCount} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
