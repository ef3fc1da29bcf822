import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/permissions.server";
import { attachedThreadId, type AttachedSubject } from "~/discussions/access.server";

/** The title of the record a thread belongs to; 404 when the record went away meanwhile. */
export function requireTitle(title: string | null): string {
  if (title === null) throw notFound();
  return title;
}

/** "Zur Diskussion": to the thread of a record the user may see, created on the first visit. */
export async function redirectToAttachedThread(subject: AttachedSubject) {
  return redirect(`/diskussionen/thema/${await attachedThreadId(subject)}`);
}
