import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { action, loader } from "~/routes/_app.diskussionen._index";
import { CountBadge } from "~/ui/count-badge";
import { CardSection } from "~/ui/card-section";
import { SelectField } from "~/ui/form";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";
import { plural } from "~/ui/plural";
import { ChannelFields } from "./channel-fields";
import { newChannelSchema } from "./channel-form";
import type { ChannelSummary } from "./channels.server";
import { overviewTexts } from "./page-texts";
import { employerAccessLabels } from "./texts";

/** The Diskussionen overview: channels by network, the link to reports, a new channel. */
export function OverviewView() {
  const { groups, managed, reports } = useLoaderData<typeof loader>();

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

      {managed.length > 0 ? <NewChannel networks={managed} /> : null}
    </div>
  );
}

/** A new channel in one of the networks the coordinator manages. */
function NewChannel({ networks }: { networks: { id: string; name: string }[] }) {
  const [form, fields] = usePortalForm({
    schema: newChannelSchema,
    actionData: useActionData<typeof action>(),
    intent: "create",
    defaultValue: { networkId: networks[0]!.id, employerAccess: "none" },
  });
  const creating = useBusyIntent() === "create";
  return (
    <CardSection id="kanal-anlegen" title={overviewTexts.createHeading}>
      <IntentForm intent="create" form={form} className="stack">
        {networks.length === 1 ? (
          <input type="hidden" name={fields.networkId.name} value={networks[0]!.id} />
        ) : (
          <SelectField
            field={fields.networkId}
            label="Netzwerk"
            options={networks.map((network) => ({ value: network.id, label: network.name }))}
          />
        )}
        <ChannelFields fields={fields} />
        <p>
          <SubmitButton pending={creating} pendingLabel="Wird angelegt …">
            {overviewTexts.createButton}
          </SubmitButton>
        </p>
      </IntentForm>
    </CardSection>
  );
}

function ChannelList({
  channels,
}: {
  channels: Pick<
    ChannelSummary,
    "id" | "name" | "description" | "employerAccess" | "threadCount" | "unread"
  >[];
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
            {plural(channel.threadCount, { one: "Thema", other: "Themen" })} ·{" "}
            {employerAccessLabels[channel.employerAccess]}
          </p>
        </li>
      ))}
    </ul>
  );
}
