import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { isOutboxMode } from "~/mail/mail.server";
import { memberRoleLabels } from "~/organizations/texts";
import { useRootData } from "~/root";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Toasts } from "~/ui/live-notifications";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    user: {
      name: user.name,
      organizationName: user.organizationName,
      roleLabel: user.isPlatformAdmin ? "Plattform-Administration" : memberRoleLabels[user.role],
    },
    nav: {
      members: can(user, {
        action: "organization.manageMembers",
        organizationId: user.organizationId,
      }),
      administration: can(user, { action: "network.create" }),
      outbox: isOutboxMode(),
    },
  });
}

function AppFrame({ children }: { children: React.ReactNode }) {
  const data = useLoaderData<typeof loader>();
  const flash = useRootData()?.flash ?? null;
  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <NavLink to="/netzwerk" className="brand">
            Netzwerke ABC
          </NavLink>
          <nav aria-label="Hauptnavigation" className="main-nav">
            <ul>
              <li>
                <NavLink to="/netzwerk">Mein Netzwerk</NavLink>
              </li>
              <li>
                <NavLink to="/organisation" end>
                  Meine Organisation
                </NavLink>
              </li>
              {data.nav.members ? (
                <li>
                  <NavLink to="/organisation/mitglieder">Mitglieder</NavLink>
                </li>
              ) : null}
              {data.nav.administration ? (
                <li>
                  <NavLink to="/verwaltung/netzwerke">Netzwerke verwalten</NavLink>
                </li>
              ) : null}
              {data.nav.outbox ? (
                <li>
                  <NavLink to="/postausgang">Postausgang</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="user-box">
            <p>
              <span className="user-box__name">{data.user.name}</span>
              <span className="user-box__meta">
                {data.user.roleLabel} · {data.user.organizationName}
              </span>
            </p>
            <Form method="post" action="/abmelden">
              <button type="submit" className="button button--secondary">
                Abmelden
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="inhalt" className="page" tabIndex={-1}>
        {children}
      </main>
      <Toasts flash={flash} />
    </>
  );
}

export default function AppLayout() {
  return (
    <AppFrame>
      <Outlet />
    </AppFrame>
  );
}

export function ErrorBoundary() {
  return (
    <main id="inhalt" className="page page--narrow">
      <GeneralErrorBoundary />
    </main>
  );
}
