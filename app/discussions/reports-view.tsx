import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { action, loader } from "~/routes/_app.diskussionen.meldungen";
import { formatDateTime } from "~/ui/format";
import { ActionForm, answerAbout } from "./action-form";
import { Breadcrumb, overviewStep } from "./breadcrumb";
import { reportTexts } from "./page-texts";
import { discussionTexts } from "./texts";

/** "Gemeldete Beiträge": each open report with the post, to hide it or dismiss the report. */
export function ReportsView() {
  const { reports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyReport =
    navigation.state === "submitting" ? navigation.formData?.get("reportId") : null;

  return (
    <div className="stack-lg">
      <Breadcrumb trail={[overviewStep]} current={reportTexts.title} />
      <div className="stack">
        <h1>{reportTexts.title}</h1>
        <p className="lead">{reportTexts.lead}</p>
      </div>
      {reports.length === 0 ? (
        <p className="card">{reportTexts.empty}</p>
      ) : (
        <ol className="report-list">
          {reports.map((report) => {
            const answer = answerAbout(actionData, "reportId", report.id);
            const decision = (intent: "hide" | "dismiss", className: string, label: string) => (
              <ActionForm
                id={`${intent}-${report.id}`}
                intent={intent}
                fields={{ reportId: report.id }}
                actionData={answer}
              >
                <button type="submit" className={className} disabled={busyReport === report.id}>
                  {label}
                </button>
              </ActionForm>
            );
            return (
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
                  {report.postState === "visible"
                    ? decision("hide", "button button--danger", reportTexts.hide)
                    : null}
                  {decision("dismiss", "button button--secondary", reportTexts.dismiss)}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
