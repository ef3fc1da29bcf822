import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { formatDateTime } from "~/ui/format";
import { TableScroller } from "~/ui/table-scroller";
import type { loadMyIdeas } from "./idea-page.server";
import { ideaStatusLabels, ideaVisibilityLabels } from "./texts";

/** „Meine Ideen“: the organisation's ideas in every state, and the user's Merkliste. */
export function MyIdeasView({
  organizationName,
  own,
  bookmarks,
  canWrite,
}: SerializeFrom<typeof loadMyIdeas>) {
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
