import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  dataExportExclusions,
  dataExportSections,
  dataExportTexts,
} from "~/account/data-export-texts";
import { requireUser } from "~/auth/request.server";
import { CardSection } from "~/ui/card-section";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Meine Daten – Netzwerke ABC" }];

/** Everyone signed in downloads their own data, and only that (the downloads check it again). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({});
}

export default function MyDataPage() {
  return (
    <>
      <CardSection id="meine-daten" title={dataExportTexts.heading}>
        <p>{dataExportTexts.legalBasis}</p>
        <p>
          Laden Sie eine Kopie herunter: als Datei zum Weiterverarbeiten (JSON) oder als Seite zum
          Lesen und Ausdrucken (HTML). Die Kopie wird beim Herunterladen erstellt; auch bei vielen
          Beiträgen dauert das nur wenige Sekunden. Das Herunterladen wird im Protokoll vermerkt.
        </p>
        {/* Resource routes: plain links make a full request, not client-side navigation. */}
        <div className="actions">
          <a className="button" href="/konto/daten.html" download>
            Lesbare Seite herunterladen (HTML)
          </a>
          <a className="button button--secondary" href="/konto/daten.json" download>
            Datei zum Weiterverarbeiten herunterladen (JSON)
          </a>
        </div>
      </CardSection>

      <CardSection id="enthalten" title="Was enthalten ist">
        <dl className="stack">
          {dataExportSections.map((section) => (
            <div key={section.key}>
              <dt>
                <strong>{section.title}</strong>
              </dt>
              <dd>{section.description}</dd>
            </div>
          ))}
        </dl>
      </CardSection>

      <CardSection id="nicht-enthalten" title={dataExportTexts.excludedHeading}>
        <ul>
          {dataExportExclusions.map((entry) => (
            <li key={entry}>{entry}</li>
          ))}
        </ul>
      </CardSection>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
