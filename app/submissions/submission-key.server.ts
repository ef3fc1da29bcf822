import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { submissionReceipts } from "~/db/schema";
import type { UnitOfWork } from "~/db/unit-of-work.server";
import { redirectWithFlash } from "~/flash.server";
import { isUuid } from "~/params.server";
import { SUBMISSION_KEY_FIELD } from "./submission-key-field";

/**
 * Idempotent creating forms. Every page load hands its forms a fresh key; the unit of work that
 * creates a record stores the key with the record's address. When the same form arrives again
 * (the browser lost the first answer and the person pressed the button once more), the second
 * unit finds the key, rolls back what it created and leads to what the first one created.
 */
export interface Submission {
  userId: string;
  key: string;
}

export function newSubmissionKey(): string {
  return randomUUID();
}

/** The form's key, or null for a form without one (then nothing is de-duplicated). */
export function submissionOf(userId: string, formData: FormData): Submission | null {
  const key = formData.get(SUBMISSION_KEY_FIELD);
  return typeof key === "string" && isUuid(key) ? { userId, key } : null;
}

/**
 * In the unit that created the record at `location`. A key stored before means this is a repeat:
 * the unit is ended by a redirect to the first submission's record (a thrown Response rolls the
 * transaction back and Remix answers with it).
 */
export async function recordSubmission(
  { tx }: UnitOfWork,
  submission: Submission | null,
  location: string,
): Promise<void> {
  if (!submission) return;
  // Waits for a concurrent first submission with the same key to commit or roll back.
  const stored = await tx
    .insert(submissionReceipts)
    .values({ userId: submission.userId, key: submission.key, location })
    .onConflictDoNothing()
    .returning({ key: submissionReceipts.key });
  if (stored.length > 0) return;
  const [first] = await tx
    .select({ location: submissionReceipts.location })
    .from(submissionReceipts)
    .where(
      and(
        eq(submissionReceipts.userId, submission.userId),
        eq(submissionReceipts.key, submission.key),
      ),
    );
  throw await redirectWithFlash(first?.location ?? location, "submissionRepeated");
}
