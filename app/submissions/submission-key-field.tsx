import { useRouteLoaderData } from "@remix-run/react";

export const SUBMISSION_KEY_FIELD = "submissionKey";

/**
 * The hidden key of a creating form (see submission-key.server.ts). The key comes with the page
 * from the app layout's loader, which runs again after every submission: a new page, a new key.
 */
export function SubmissionKeyField() {
  const layout = useRouteLoaderData<{ submissionKey?: string }>("routes/_app");
  if (!layout?.submissionKey) return null;
  return <input type="hidden" name={SUBMISSION_KEY_FIELD} value={layout.submissionKey} />;
}
