import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { errorTexts, unexpectedErrorText } from "./error-texts";

/** German messages for 403, 404, 503 (database away) and the unexpected; used by every route. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = errorTexts[status] ?? unexpectedErrorText;
  return (
    <section className="card" aria-labelledby="fehler-titel">
      <h1 id="fehler-titel">{message.title}</h1>
      <p>{message.text}</p>
      <p>
        <Link to="/netzwerk">Zur Startseite „Mein Netzwerk“</Link>
      </p>
    </section>
  );
}

/** The boundary of a route that draws the whole page itself: the message as the page's main part. */
export function PageErrorBoundary() {
  return (
    <main id="inhalt" className="page page--narrow">
      <GeneralErrorBoundary />
    </main>
  );
}
