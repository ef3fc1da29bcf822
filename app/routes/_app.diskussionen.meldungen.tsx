import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, replace } from "@remix-run/node";
import { requireUser } from "~/auth/request.server";
import discussionStyles from "~/discussions/discussions.css";
import { hidePost } from "~/discussions/posts.server";
import { dismissReport, listOpenReports } from "~/discussions/reports.server";
import { ReportsView } from "~/discussions/reports-view";
import { requireModeratedReport, requireReportNetworks } from "~/discussions/route-access.server";
import { readForm, unhandledIntent } from "~/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const links = stylesheetLinks(discussionStyles);

export const meta: MetaFunction = () => [
  { title: "Gemeldete Beiträge – Diskussionen – Netzwerke ABC" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const networkIds = await requireReportNetworks(user);
  return json({ reports: await listOpenReports(user, networkIds) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, { intents: ["hide", "dismiss"] });
  if (!form.ok) return form.response;
  const { formData, intent } = form;
  const { report, thread } = await requireModeratedReport(user, formData.get("reportId"));
  const ip = clientIp();
  if (intent === "hide") await hidePost(user, report.postId, thread, ip);
  else if (intent === "dismiss") await dismissReport(user, report, thread, ip);
  else return unhandledIntent(intent);
  return replace("/diskussionen/meldungen", 303);
}

export default function ReportsPage() {
  return <ReportsView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
