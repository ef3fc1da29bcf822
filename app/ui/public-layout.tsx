import type { ReactNode } from "react";
import { useRootData } from "~/root";
import { GeneralErrorBoundary } from "./error-boundary";

/** Frame of the pages a visitor sees before logging in. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const flash = useRootData()?.flash;
  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <span className="brand">Netzwerke ABC</span>
        </div>
      </header>
      <main id="inhalt" className="page page--narrow">
        {flash ? (
          <p className="alert alert--success" role="status">
            {flash.message}
          </p>
        ) : null}
        <section className="card stack" aria-labelledby="seitentitel">
          <h1 id="seitentitel">{title}</h1>
          {children}
        </section>
      </main>
    </>
  );
}

/** The error boundary of a page before logging in: the message in the same frame. */
export function PublicErrorBoundary({ title }: { title: string }) {
  return (
    <PublicLayout title={title}>
      <GeneralErrorBoundary />
    </PublicLayout>
  );
}
