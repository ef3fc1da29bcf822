import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { CardSection } from "~/ui/card-section";
import { formatDateTime } from "~/ui/format";
import { DataTable } from "~/ui/data-table";
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
      <CardSection id="eigene" title={`Ideen von ${organizationName}`}>
        {own.length === 0 ? (
          <p>
            Ihre Organisation hat noch keine Idee beschrieben.{" "}
            {canWrite ? <Link to="/ideen/neu">Jetzt die erste beschreiben.</Link> : null}
          </p>
        ) : (
          <DataTable
            label="Meine Ideen"
            columns={["Titel", "Status", "Sichtbarkeit", "übernommen", "geändert"]}
          >
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
          </DataTable>
        )}
      </CardSection>
      <CardSection id="merkliste" title="Merkliste">
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
      </CardSection>
    </div>
  );
}
