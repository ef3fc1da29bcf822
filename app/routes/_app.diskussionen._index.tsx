import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { listChannelsFor, createChannel, parseChannelForm } from "~/discussions/channels.server";
import { ChannelFields } from "~/discussions/channel-fields";
import discussionStyles from "~/discussions/discussions.css";
import { groupByNetwork, managedNetworks, reportNetworkIds } from "~/discussions/overview.server";
import { overviewTexts } from "~/discussions/page-texts";
import { openReportCount } from "~/discussions/reports.server";
import { employerAccessLabels } from "~/discussions/texts";
import { seeOther } from "~/discussions/responses.server";
import { formFailure, formValues, readForm } from "~/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, SelectField, submitted } from "~/ui/form";
import { CountBadge } from "~/ui/count-badge";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discussionStyles }];

export const meta: MetaFunction = () => [{ title: "Diskussionen – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "discussion.browse" }, clientIp(request));
  const reportNetworks = reportNetworkIds(user);
  const [channels, managed, openReports] = await Promise.all([
    listChannelsFor(user),
    managedNetworks(user),
    openReportCount(user, reportNetworks),
  ]);
  return json({
    groups: groupByNetwork(channels),
    managed,
    reports: reportNetworks.length > 0 ? { open: openReports } : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  const form = await readForm(request, { intents: ["create"] });
  if (!form.ok) return form.response;
  const { formData } = form;
  const networkId = String(formData.get("networkId") ?? "");
  await authorize(user, { action: "channel.manage", networkId }, ip);
  const parsed = parseChannelForm(formData);
  if (!parsed.ok) return formFailure(formValues(formData), parsed.errors);
  const created = await createChannel(user, networkId, parsed.input, ip);
  if ("error" in created) return formFailure(formValues(formData), { name: created.error });
  return seeOther(`/diskussionen/${created.id}`);
}

export default function DiscussionsPage() {
  const { groups, managed, reports } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>(), "create");
  const navigation = useNavigation();
  const creating =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "create";

  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>{overviewTexts.title}</h1>
        <p className="lead">{overviewTexts.lead}</p>
        {reports ? (
          <p>
            <Link to="/diskussionen/meldungen">
              {overviewTexts.reportsLink}
              <CountBadge count={reports.open} label="offen" />
            </Link>
          </p>
        ) : null}
      </div>

      {groups.length === 0 ? (
        <p className="card">
          {managed.length > 0 ? overviewTexts.emptyCoordinator : overviewTexts.emptyMember}
        </p>
      ) : null}

      {groups.map((group) => (
        <section
          key={group.networkId}
          className="stack"
          aria-labelledby={`netzwerk-${group.networkId}`}
        >
          <h2 id={`netzwerk-${group.networkId}`}>{group.networkName}</h2>
          {group.active.length === 0 ? (
            <p>{overviewTexts.noActiveChannels}</p>
          ) : (
            <ChannelList channels={group.active} />
          )}
          {group.archived.length > 0 ? (
            <details className="stack">
              <summary>
                {overviewTexts.archivedHeading} ({group.archived.length})
              </summary>
              <ChannelList channels={group.archived} />
            </details>
          ) : null}
        </section>
      ))}

      {managed.length > 0 ? (
        <section className="card stack" aria-labelledby="kanal-anlegen">
          <h2 id="kanal-anlegen">{overviewTexts.createHeading}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="create" />
            <FormErrorSummary errors={feedback.errors} />
            {managed.length === 1 ? (
              <input type="hidden" name="networkId" value={managed[0]!.id} />
            ) : (
              <SelectField
                id="kanal-netzwerk"
                name="networkId"
                label="Netzwerk"
                options={managed.map((network) => ({ value: network.id, label: network.name }))}
                defaultValue={submitted(feedback, "networkId", managed[0]!.id)}
              />
            )}
            <ChannelFields idPrefix="kanal-neu" feedback={feedback} />
            <p>
              <button type="submit" className="button" disabled={creating}>
                {creating ? "Wird angelegt …" : overviewTexts.createButton}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function ChannelList({
  channels,
}: {
  channels: {
    id: string;
    name: string;
    description: string;
    employerAccess: keyof typeof employerAccessLabels;
    threadCount: number;
    unread: number;
  }[];
}) {
  return (
    <ul className="channel-list">
      {channels.map((channel) => (
        <li key={channel.id} className="card channel-list__item">
          <h3>
            <Link to={`/diskussionen/${channel.id}`}>{channel.name}</Link>
            <CountBadge count={channel.unread} label="ungelesen" />
          </h3>
          {channel.description ? <p>{channel.description}</p> : null}
          <p className="muted">
            {channel.threadCount === 1 ? "1 Thema" : `${channel.threadCount} Themen`} ·{" "}
            {employerAccessLabels[channel.employerAccess]}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
