import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const messages: Record<number, { title: string; text: string }> = {
  403: {
    title: "Kein Zugriff",
    text: "Dafür fehlt Ihnen die Berechtigung. Wenden Sie sich an Ihre Organisations-Administration, wenn Sie sie brauchen.",
  },
  404: {
    title: "Nicht gefunden",
    text: "Diese Seite gibt es nicht – oder Sie haben keinen Zugriff darauf.",
  },
};

/** German messages for 403, 404 and the unexpected; used by every route. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = messages[status] ?? {
    title: "Ein Fehler ist aufgetreten",
    text: "Das hat leider nicht geklappt. Bitte versuchen Sie es in einem Moment noch einmal. Ihre Eingaben wurden nicht gespeichert.",
  };
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
