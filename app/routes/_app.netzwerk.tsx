import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { listNetworksWithOrganizations, recentActivity } from "~/networks/networks.server";
import { listRecentNotifications } from "~/notifications/notifications.server";
import { organizationKindLabels } from "~/organizations/texts";
import { type OrganizationKind } from "~/db/vocabularies";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Mein Netzwerk – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const networkIds = [...new Set([...user.networkIds, ...user.coordinatedNetworkIds])];
  const [networks, activity, notifications] = await Promise.all([
    listNetworksWithOrganizations(networkIds),
    recentActivity(networkIds),
    listRecentNotifications(user.id),
  ]);
  return json({
    firstName: user.name.split(" ")[0],
    networks: networks.map((network) => ({
      ...network,
      coordinated: user.coordinatedNetworkIds.includes(network.id),
    })),
    activity,
    notifications,
  });
}

export default function MyNetworkPage() {
  const { firstName, networks, activity, notifications } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <h1>Mein Netzwerk</h1>
      <p className="lead">
        Guten Tag, {firstName}. Hier sehen Sie, wer in Ihrem Netzwerk mitarbeitet und was sich
        zuletzt getan hat.
      </p>
      {networks.length === 0 ? (
        <section className="card" aria-labelledby="kein-netzwerk">
          <h2 id="kein-netzwerk">Noch kein Netzwerk</h2>
          <p>
            Ihre Organisation gehört noch keinem Netzwerk an. Bitten Sie die Netzwerkkoordination
            Ihrer Region – meist im Jobcenter –, Ihre Organisation aufzunehmen. Danach sehen Sie
            hier die Partner des Netzwerks.
          </p>
        </section>
      ) : null}
      <div className="columns">
        <div className="stack-lg">
          {networks.map((network) => (
            <section key={network.id} className="card" aria-labelledby={`netzwerk-${network.id}`}>
              <h2 id={`netzwerk-${network.id}`}>
                <Link to={`/netzwerke/${network.id}`}>{network.name}</Link>
              </h2>
              <p className="muted">
                {network.region}
                {network.coordinated ? " · Sie koordinieren dieses Netzwerk" : ""}
              </p>
              {network.description ? <p>{network.description}</p> : null}
              <h3>Organisationen ({network.organizations.length})</h3>
              {network.organizations.length === 0 ? (
                <p>Noch keine Organisation aufgenommen.</p>
              ) : (
                <ul className="org-list">
                  {network.organizations.map((organization) => (
                    <li key={organization.id}>
                      <span className="org-list__name">{organization.name}</span>
                      <span className="badge">
                        {organizationKindLabels[organization.kind as OrganizationKind]}
                      </span>
                      {organization.city ? (
                        <span className="muted"> {organization.city}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
        <div className="stack-lg">
          <section className="card" aria-labelledby="aktuelles">
            <h2 id="aktuelles">Aktuelles</h2>
            {activity.length === 0 ? (
              <p>Noch nichts Neues. Sobald Organisationen aufgenommen werden, erscheint es hier.</p>
            ) : (
              <ul className="feed">
                {activity.map((entry) => (
                  <li key={entry.id}>
                    <span>{entry.text}</span>
                    <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="benachrichtigungen">
            <h2 id="benachrichtigungen">Benachrichtigungen</h2>
            {notifications.length === 0 ? (
              <p>
                Keine Benachrichtigungen. Neue erscheinen hier und sofort als Hinweis am
                Bildschirmrand.
              </p>
            ) : (
              <ul className="feed">
                {notifications.map((notification) => (
                  <li key={notification.id}>
                    <span>
                      {notification.link ? (
                        <Link to={notification.link}>{notification.message}</Link>
                      ) : (
                        notification.message
                      )}
                    </span>
                    <time dateTime={notification.createdAt}>
                      {formatDateTime(notification.createdAt)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
