import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import type { CurrentUser } from "~/auth/session.server";
import { getThreadRecord } from "~/discussions/access.server";
import discussionStyles from "~/discussions/discussions.css";
import { reportNetworkIds } from "~/discussions/overview.server";
import { reportTexts } from "~/discussions/page-texts";
import { hidePost } from "~/discussions/posts.server";
import { dismissReport, getReportRecord, listOpenReports } from "~/discussions/reports.server";
import { seeOther } from "~/discussions/responses.server";
import { discussionTexts } from "~/discussions/texts";
import { readForm } from "~/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary } from "~/ui/form";
import { formatDateTime } from "~/ui/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discussionStyles }];

export const meta: MetaFunction = () => [
  { title: "Gemeldete Beiträge – Diskussionen – Netzwerke ABC" },
];

/** No network's id: asking about it lets the permission module answer (and audit) a denial. */
const NO_NETWORK = "00000000-0000-0000-0000-000000000000";

/** The networks whose reports the user handles; the permission module answers anyone else. */
async function requireReportNetworks(user: CurrentUser, ip: string | null) {
  const networkIds = reportNetworkIds(user);
  if (networkIds.length === 0) {
    const anyNetwork = user.networkIds[0] ?? user.coordinatedNetworkIds[0] ?? NO_NETWORK;
    await authorize(user, { action: "discussion.viewReports", networkId: anyNetwork }, ip);
  }
  return networkIds;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const networkIds = await requireReportNetworks(user, clientIp(request));
  return json({ reports: await listOpenReports(user, networkIds) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  const form = await readForm(request, { intents: ["hide", "dismiss"] });
  if (!form.ok) return form.response;
  const { formData, intent } = form;
  const report = await getReportRecord(String(formData.get("reportId") ?? ""));
  const thread = report ? await getThreadRecord(report.threadId) : null;
  if (!report || !thread) throw notFound();
  await authorize(user, { action: "thread.view", thread: thread.access }, ip);
  await authorize(user, { action: "thread.moderate", thread: thread.access }, ip);
  if (intent === "hide") await hidePost(user, report.postId, thread, ip);
  else await dismissReport(user, report, thread, ip);
  return seeOther("/diskussionen/meldungen", { replace: true });
}

export default function ReportsPage() {
  const { reports } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  const navigation = useNavigation();
  const busyReport =
    navigation.state === "submitting" ? navigation.formData?.get("reportId") : null;

  return (
    <div className="stack-lg">
      <nav aria-label="Brotkrumen" className="breadcrumb">
        <ol>
          <li>
            <Link to="/diskussionen">Diskussionen</Link>
          </li>
          <li>
            <span aria-current="page">{reportTexts.title}</span>
          </li>
        </ol>
      </nav>
      <div className="stack">
        <h1>{reportTexts.title}</h1>
        <p className="lead">{reportTexts.lead}</p>
      </div>
      <FormErrorSummary errors={feedback.errors} />
      {reports.length === 0 ? (
        <p className="card">{reportTexts.empty}</p>
      ) : (
        <ol className="report-list">
          {reports.map((report) => (
            <li key={report.id} className="card stack">
              <h2>
                <Link to={`/diskussionen/thema/${report.threadId}#beitrag-${report.postId}`}>
                  {report.threadTitle}
                </Link>
              </h2>
              <p className="muted">
                {report.networkName} · Beitrag von {report.authorName}
              </p>
              {report.postHtml !== null ? (
                // Sanitized in listOpenReports (and when the post was written).
                <blockquote
                  className="rich-text"
                  dangerouslySetInnerHTML={{ __html: report.postHtml }}
                />
              ) : (
                <p className="post__removed">
                  {report.postState === "hidden"
                    ? discussionTexts.hiddenPost
                    : discussionTexts.deletedPost}
                </p>
              )}
              <p>
                <strong>Begründung:</strong> {report.reason}
              </p>
              <p className="muted">
                {reportTexts.reportedBy(report.reporterName, formatDateTime(report.createdAt))}
              </p>
              <div className="actions">
                {report.postState === "visible" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="hide" />
                    <input type="hidden" name="reportId" value={report.id} />
                    <button
                      type="submit"
                      className="button button--danger"
                      disabled={busyReport === report.id}
                    >
                      {reportTexts.hide}
                    </button>
                  </Form>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="dismiss" />
                  <input type="hidden" name="reportId" value={report.id} />
                  <button
                    type="submit"
                    className="button button--secondary"
                    disabled={busyReport === report.id}
                  >
                    {reportTexts.dismiss}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
