import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { newChannelSchema } from "~/discussions/channel-form";
import { createChannel } from "~/discussions/channels.server";
import discussionStyles from "~/discussions/discussions.css";
import { loadOverview } from "~/discussions/overview.server";
import { OverviewView } from "~/discussions/overview-view";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission } from "~/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(discussionStyles);

export const meta: MetaFunction = () => [{ title: "Diskussionen – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "discussion.browse" }, clientIp());
  return json(await loadOverview(user));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  const form = await readForm(request, { intents: ["create"] });
  if (!form.ok) return form.response;
  // The network comes with the form: whoever may not manage it learns nothing about the fields.
  const claimedNetwork = String(form.formData.get("networkId") ?? "");
  await authorize(user, { action: "channel.manage", networkId: claimedNetwork }, ip);
  const submission = parseSubmission(form.formData, newChannelSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  const { networkId, ...channel } = submission.value;
  const created = await createChannel(user, networkId, channel, ip);
  if ("error" in created) return rejectSubmission(submission, { fields: { name: created.error } });
  return redirect(`/diskussionen/${created.id}`, 303);
}

export default function DiscussionsPage() {
  return <OverviewView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
