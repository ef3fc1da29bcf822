import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect, replace } from "@remix-run/node";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { channelPageIntents, channelSchema } from "~/discussions/channel-form";
import { ChannelView } from "~/discussions/channel-view";
import { loadChannelPage, updateChannel } from "~/discussions/channels.server";
import discussionStyles from "~/discussions/discussions.css";
import { newThreadSchema } from "~/discussions/post-form";
import { startChannelThread } from "~/discussions/posts.server";
import { requireChannel } from "~/discussions/route-access.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { submissionOf } from "~/submissions/submission-key.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(discussionStyles);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.channel.name ?? "Kanal"} – Diskussionen – Netzwerke ABC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const channel = await requireChannel(user, params.channelId);
  return json(await loadChannelPage(user, channel));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const channel = await requireChannel(user, params.channelId);
  const form = await readForm(request, { intents: channelPageIntents });
  if (!form.ok) return form.response;
  const { formData, intent } = form;
  const ip = clientIp();
  const here = `/diskussionen/${channel.id}`;

  if (intent === "start") {
    await authorize(user, { action: "thread.start", channel }, ip);
    const submission = parseSubmission(formData, newThreadSchema);
    if (submission.status !== "success") return rejectSubmission(submission);
    const { title, body } = submission.value;
    const threadId = await startChannelThread(
      user,
      channel,
      title,
      { document: body },
      submissionOf(user.id, formData),
    );
    return redirect(`/diskussionen/thema/${threadId}`, 303);
  }

  await authorize(user, { action: "channel.manage", networkId: channel.networkId }, ip);
  if (intent === "settings") {
    const submission = parseSubmission(formData, channelSchema);
    if (submission.status !== "success") return rejectSubmission(submission);
    const result = await updateChannel(user, channel, submission.value, ip);
    if ("error" in result) return rejectSubmission(submission, { fields: { name: result.error } });
    return replace(here, 303);
  }
  if (intent === "archive" || intent === "restore") {
    await updateChannel(user, channel, { archived: intent === "archive" }, ip);
    return replace(here, 303);
  }
  return unhandledIntent(intent);
}

export default function ChannelPage() {
  return <ChannelView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
