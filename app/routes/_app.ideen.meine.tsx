import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { listBookmarkedIdeas, listOrganizationIdeas } from "~/ideas/idea-page.server";
import { ideaStatusLabels, ideaVisibilityLabels } from "~/ideas/texts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { TableScroller } from "~/ui/table-scroller";

export const meta: MetaFunction = () => [{ title: "Meine Ideen – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [own, bookmarks] = await Promise.all([
    listOrganizationIdeas(user.organizationId),
    listBookmarkedIdeas(user.id, user),
  ]);
  return json({
    organizationName: user.organizationName,
    own,
    bookmarks,
    canWrite: can(user, { action: "idea.create" }),
  });
}

export default function MyIdeasPage() {
  const { organizationName, own, bookmarks, canWrite } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <p>
        <Link to="/ideen">← Zur Ideenbörse</Link>
      </p>
      <h1>Meine Ideen</h1>
      <section className="card stack" aria-labelledby="eigene">
        <h2 id="eigene">Ideen von {organizationName}</h2>
        {own.length === 0 ? (
          <p>
            Ihre Organisation hat noch keine Idee beschrieben.{" "}
            {canWrite ? <Link to="/ideen/neu">Jetzt die erste beschreiben.</Link> : null}
          </p>
        ) : (
          <TableScroller label="Meine Ideen">
            <table>
              <thead>
                <tr>
                  <th scope="col">Titel</th>
                  <th scope="col">Status</th>
                  <th scope="col">Sichtbarkeit</th>
                  <th scope="col">übernommen</th>
                  <th scope="col">geändert</th>
                </tr>
              </thead>
              <tbody>
                {own.map((idea) => (
                  <tr key={idea.id}>
                    <td>
                      <Link to={`/ideen/${idea.id}`}>{idea.title}</Link>
                    </td>
                    <td>{ideaStatusLabels[idea.status]}</td>
                    <td>{ideaVisibilityLabels[idea.visibility]}</td>
                    <td>{idea.adoptionCount}</td>
                    <td>{formatDateTime(idea.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </section>
      <section className="card stack" aria-labelledby="merkliste">
        <h2 id="merkliste">Merkliste</h2>
        {bookmarks.length === 0 ? (
          <p>
            Noch nichts gemerkt. Auf jeder Idee können Sie „Auf die Merkliste“ wählen, um sie hier
            wiederzufinden.
          </p>
        ) : (
          <ul className="feed">
            {bookmarks.map((idea) => (
              <li key={idea.id}>
                <Link to={`/ideen/${idea.id}`}>{idea.title}</Link>
                <span className="muted">{idea.summary}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
