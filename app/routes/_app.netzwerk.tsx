import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { listNetworksWithOrganizations, recentActivity } from "~/networks/networks.server";
import { listRecentNotifications } from "~/notifications/notifications.server";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { EntryList } from "~/ui/entry-list";
import { formatDateTime } from "~/ui/format";
import { OrganizationSummary } from "~/ui/organization-summary";

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

/** A card of the page's side column: what happened and when, newest first. */
function DatedFeedCard({
  id,
  title,
  empty,
  entries,
}: {
  id: string;
  title: string;
  empty: string;
  entries: { id: string | number; at: string; content: ReactNode }[];
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <EntryList entries={entries} empty={empty}>
        {(entry) => (
          <li key={entry.id}>
            <span>{entry.content}</span>
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          </li>
        )}
      </EntryList>
    </section>
  );
}

export default function MyNetworkPage() {
  const { firstName, networks, activity, notifications } = useLoaderData<typeof loader>();
  const activityEntries = activity.map((entry) => ({
    id: entry.id,
    at: entry.occurredAt,
    content: entry.text,
  }));
  const notificationEntries = notifications.map((notification) => ({
    id: notification.id,
    at: notification.createdAt,
    content: notification.link ? (
      <Link to={notification.link}>{notification.message}</Link>
    ) : (
      notification.message
    ),
  }));
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
              <EntryList
                entries={network.organizations}
                empty="Noch keine Organisation aufgenommen."
                className="org-list"
              >
                {(organization) => (
                  <li key={organization.id}>
                    <OrganizationSummary organization={organization} />
                  </li>
                )}
              </EntryList>
            </section>
          ))}
        </div>
        <div className="stack-lg">
          <DatedFeedCard
            id="aktuelles"
            title="Aktuelles"
            empty="Noch nichts Neues. Sobald Organisationen aufgenommen werden, erscheint es hier."
            entries={activityEntries}
          />
          <DatedFeedCard
            id="benachrichtigungen"
            title="Benachrichtigungen"
            empty="Keine Benachrichtigungen. Neue erscheinen hier und sofort als Hinweis am Bildschirmrand."
            entries={notificationEntries}
          />
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
