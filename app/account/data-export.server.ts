import { and, asc, desc, eq, gt, inArray, or, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import type { CurrentUser } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { consume } from "~/rate-limits.server";
import {
  auditLog,
  coursePledges,
  courses,
  digestSettings,
  discussionPostRevisions,
  discussionPosts,
  discussionThreads,
  eventReservations,
  events,
  ideas,
  identityProviders,
  networkCoordinators,
  networks,
  notificationPreferences,
  notifications,
  organizations,
  referrals,
  secondFactors,
  services,
  sessions,
  userIdentities,
  users,
} from "~/db/schema";
import { plainTextOf, type RichTextDocument } from "~/rich-text/schema";
import { describeUserAgent } from "./sessions.server";
import { htmlExport } from "./data-export-html.server";
import {
  dataExportExclusions,
  dataExportTexts,
  type DataExportSectionKey,
} from "./data-export-texts";

/**
 * "Meine Daten" (DSGVO Art. 15 and 20): everything the portal stores about one person, read in
 * batches and handed on section by section, so that a person with 10,000 posts gets a file that
 * is written while it is read (see bench/data-export.ts) instead of one built in memory.
 *
 * Client data of referrals is never read: the queries select only the fields listed here, and
 * audit details about referrals are cut down to an allow-list (auditDetailsForExport).
 */

/** Rows per query; large enough to keep round trips few, small enough to stream. */
export const EXPORT_BATCH_SIZE = 500;

export type ExportValue = string | number | boolean | null | Date | ExportValue[] | ExportRecord;
export interface ExportRecord {
  [field: string]: ExportValue | unknown;
}

/** A section of the export: one record (profile) or a list read in batches. */
export type ExportSection =
  | { key: DataExportSectionKey; kind: "record"; read: () => Promise<ExportRecord | null> }
  | { key: DataExportSectionKey; kind: "list"; batches: () => AsyncIterable<ExportRecord[]> };

/** Pages through a query by the last row of the previous page (keyset pagination). */
async function* keysetPages<Row>(
  page: (after: Row | undefined) => Promise<Row[]>,
): AsyncIterable<Row[]> {
  let after: Row | undefined;
  for (;;) {
    const rows = await page(after);
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_BATCH_SIZE) return;
    after = rows.at(-1);
  }
}

async function* single<Row>(rows: Promise<Row[]>): AsyncIterable<Row[]> {
  const all = await rows;
  if (all.length > 0) yield all;
}

function textOf(body: unknown): string {
  return plainTextOf(body as RichTextDocument);
}

async function readProfile(userId: string): Promise<ExportRecord | null> {
  const db = getDb();
  const [person] = await db
    .select({
      name: users.name,
      jobTitle: users.jobTitle,
      phone: users.phone,
      email: users.email,
      organization: organizations.name,
      role: users.role,
      isPlatformAdmin: users.isPlatformAdmin,
      createdAt: users.createdAt,
      secondFactorConfirmedAt: secondFactors.confirmedAt,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .leftJoin(secondFactors, eq(secondFactors.userId, users.id))
    .where(eq(users.id, userId));
  if (!person) return null;
  const [identities, coordinated] = await Promise.all([
    db
      .select({ provider: identityProviders.displayName, linkedAt: userIdentities.createdAt })
      .from(userIdentities)
      .innerJoin(identityProviders, eq(identityProviders.id, userIdentities.identityProviderId))
      .where(eq(userIdentities.userId, userId))
      .orderBy(asc(userIdentities.createdAt)),
    db
      .select({ network: networks.name, appointedAt: networkCoordinators.appointedAt })
      .from(networkCoordinators)
      .innerJoin(networks, eq(networks.id, networkCoordinators.networkId))
      .where(eq(networkCoordinators.userId, userId))
      .orderBy(asc(networks.name)),
  ]);
  const { secondFactorConfirmedAt, ...profile } = person;
  return {
    ...profile,
    secondFactor: secondFactorConfirmedAt ? { confirmedAt: secondFactorConfirmedAt } : null,
    identityProviders: identities,
    coordinatedNetworks: coordinated,
  };
}

/** Every session row of the person, by browser and time: the id (the cookie's hash) stays out. */
async function* sessionBatches(userId: string): AsyncIterable<ExportRecord[]> {
  const rows = await getDb()
    .select({
      userAgent: sessions.userAgent,
      startedAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt));
  if (rows.length === 0) return;
  yield rows.map(({ userAgent, ...times }) => ({
    ...describeUserAgent(userAgent),
    userAgent,
    ...times,
  }));
}

/**
 * The person's posts with their earlier versions. The ids are read once (discussion_posts has no
 * index by author, so paging by author would scan the table once per page), then the posts and
 * their revisions batch by batch. Posts in a referral's thread keep only their frame: their free
 * text may hold social data about the client (see ~/discussions/erasure.server).
 */
async function* postBatches(userId: string): AsyncIterable<ExportRecord[]> {
  const db = getDb();
  const ids = await db
    .select({ id: discussionPosts.id })
    .from(discussionPosts)
    .where(eq(discussionPosts.authorUserId, userId))
    .orderBy(asc(discussionPosts.sequence));
  for (let start = 0; start < ids.length; start += EXPORT_BATCH_SIZE) {
    const batch = ids.slice(start, start + EXPORT_BATCH_SIZE).map((row) => row.id);
    const [posts, revisions] = await Promise.all([
      db
        .select({
          id: discussionPosts.id,
          threadId: discussionPosts.threadId,
          threadTitle: discussionThreads.title,
          threadSubject: discussionThreads.subject,
          createdAt: discussionPosts.createdAt,
          editedAt: discussionPosts.editedAt,
          deletedAt: discussionPosts.deletedAt,
          hiddenAt: discussionPosts.hiddenAt,
          body: discussionPosts.body,
        })
        .from(discussionPosts)
        .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
        .where(inArray(discussionPosts.id, batch))
        .orderBy(asc(discussionPosts.sequence)),
      db
        .select({
          postId: discussionPostRevisions.postId,
          replacedAt: discussionPostRevisions.replacedAt,
          body: discussionPostRevisions.body,
          subject: discussionThreads.subject,
        })
        .from(discussionPostRevisions)
        .innerJoin(discussionPosts, eq(discussionPosts.id, discussionPostRevisions.postId))
        .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
        .where(
          and(
            inArray(discussionPostRevisions.postId, batch),
            // Never read the text of a referral thread's versions at all.
            sql`${discussionThreads.subject} <> 'referral'`,
          ),
        )
        .orderBy(asc(discussionPostRevisions.replacedAt)),
    ]);
    const revisionsOf = new Map<string, typeof revisions>();
    for (const revision of revisions) {
      revisionsOf.set(revision.postId, [...(revisionsOf.get(revision.postId) ?? []), revision]);
    }
    yield posts.map(({ body, ...post }) => {
      const withheld = post.threadSubject === "referral";
      return {
        ...post,
        textWithheld: withheld,
        body: withheld ? null : body,
        text: withheld ? null : textOf(body),
        revisions: (revisionsOf.get(post.id) ?? []).map((revision) => ({
          replacedAt: revision.replacedAt,
          body: revision.body,
          text: textOf(revision.body),
        })),
      };
    });
  }
}

function ideaBatches(userId: string): AsyncIterable<ExportRecord[]> {
  return keysetPages<ExportRecord & { id: string }>((after) =>
    getDb()
      .select({
        id: ideas.id,
        title: ideas.title,
        summary: ideas.summary,
        status: ideas.status,
        visibility: ideas.visibility,
        organization: organizations.name,
        createdAt: ideas.createdAt,
        updatedAt: ideas.updatedAt,
        publishedAt: ideas.publishedAt,
        body: ideas.body,
        text: ideas.bodyText,
      })
      .from(ideas)
      .innerJoin(organizations, eq(organizations.id, ideas.organizationId))
      .where(and(eq(ideas.authorUserId, userId), after ? gt(ideas.id, after.id) : undefined))
      .orderBy(asc(ideas.id))
      .limit(EXPORT_BATCH_SIZE),
  );
}

/** The referrals the person created, by their frame only: pseudonym, reason and notes stay out. */
function referralBatches(userId: string): AsyncIterable<ExportRecord[]> {
  return keysetPages<ExportRecord & { id: string }>((after) =>
    getDb()
      .select({
        id: referrals.id,
        service: services.name,
        receiver: organizations.name,
        status: referrals.status,
        createdAt: referrals.createdAt,
        sentAt: referrals.sentAt,
        closedAt: referrals.closedAt,
      })
      .from(referrals)
      .innerJoin(services, eq(services.id, referrals.serviceId))
      .innerJoin(organizations, eq(organizations.id, referrals.receiverOrganizationId))
      .where(
        and(eq(referrals.createdByUserId, userId), after ? gt(referrals.id, after.id) : undefined),
      )
      .orderBy(asc(referrals.id))
      .limit(EXPORT_BATCH_SIZE),
  );
}

/** Seats the person reserved; the pseudonym names a client and stays out. */
function reservationBatches(userId: string): AsyncIterable<ExportRecord[]> {
  return keysetPages<ExportRecord & { id: string }>((after) =>
    getDb()
      .select({
        id: eventReservations.id,
        event: events.title,
        eventStartsAt: events.startsAt,
        status: eventReservations.status,
        createdAt: eventReservations.createdAt,
        promotedAt: eventReservations.promotedAt,
        cancelledAt: eventReservations.cancelledAt,
      })
      .from(eventReservations)
      .innerJoin(events, eq(events.id, eventReservations.eventId))
      .where(
        and(
          eq(eventReservations.reservedByUserId, userId),
          after ? gt(eventReservations.id, after.id) : undefined,
        ),
      )
      .orderBy(asc(eventReservations.id))
      .limit(EXPORT_BATCH_SIZE),
  );
}

function pledgeBatches(userId: string): AsyncIterable<ExportRecord[]> {
  return single(
    getDb()
      .select({
        course: courses.title,
        courseStartDate: courses.startDate,
        seats: coursePledges.seats,
        updatedAt: coursePledges.updatedAt,
      })
      .from(coursePledges)
      .innerJoin(courses, eq(courses.id, coursePledges.courseId))
      .where(eq(coursePledges.pledgedByUserId, userId))
      .orderBy(asc(coursePledges.updatedAt)),
  );
}

function notificationBatches(userId: string): AsyncIterable<ExportRecord[]> {
  type Row = { id: string; createdAt: Date } & ExportRecord;
  return keysetPages<Row>((after) =>
    getDb()
      .select({
        id: notifications.id,
        kind: notifications.kind,
        message: notifications.message,
        link: notifications.link,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        digestedAt: notifications.digestedAt,
      })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, userId),
          after
            ? or(
                gt(notifications.createdAt, after.createdAt),
                and(eq(notifications.createdAt, after.createdAt), gt(notifications.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .limit(EXPORT_BATCH_SIZE),
  );
}

type AuditDetails = Record<string, string | number | boolean | null>;

/** What a referral's audit entry may name: the step and the thread, never the client. */
const referralDetailKeys = new Set(["transition", "to", "from", "threadId", "via"]);
/** Fields that hold client data wherever they appear. */
const clientDataKey = /pseudonym|reason|note|purpose|obtainedBy|client|klient/i;

/**
 * An audit entry's details as the export shows them. Today's entries about referrals store only
 * the transition and the thread; the allow-list keeps it so should an entry ever store more.
 */
export function auditDetailsForExport(entry: {
  action: string;
  targetType: string | null;
  details: AuditDetails | null;
}): AuditDetails | null {
  if (!entry.details) return null;
  const aboutReferral = entry.targetType === "referral" || entry.action.startsWith("referral.");
  const kept = Object.entries(entry.details).filter(([key]) =>
    aboutReferral ? referralDetailKeys.has(key) : !clientDataKey.test(key),
  );
  return kept.length > 0 ? Object.fromEntries(kept) : null;
}

function auditBatches(userId: string): AsyncIterable<ExportRecord[]> {
  return keysetPages<{ id: number } & ExportRecord>(async (after) => {
    const rows = await getDb()
      .select({
        id: auditLog.id,
        occurredAt: auditLog.occurredAt,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        networkId: auditLog.networkId,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, userId), after ? gt(auditLog.id, after.id) : undefined))
      .orderBy(asc(auditLog.id))
      .limit(EXPORT_BATCH_SIZE);
    return rows.map((row) => ({ ...row, details: auditDetailsForExport(row) }));
  });
}

/** The sections of one person's export, in the order of dataExportSections. */
export function exportSectionsFor(userId: string): ExportSection[] {
  const db = getDb();
  return [
    { key: "profile", kind: "record", read: () => readProfile(userId) },
    { key: "sessions", kind: "list", batches: () => sessionBatches(userId) },
    {
      key: "notificationPreferences",
      kind: "list",
      batches: () =>
        single(
          db
            .select({
              kind: notificationPreferences.kind,
              delivery: notificationPreferences.delivery,
            })
            .from(notificationPreferences)
            .where(eq(notificationPreferences.userId, userId))
            .orderBy(asc(notificationPreferences.kind)),
        ),
    },
    {
      key: "digestSettings",
      kind: "record",
      read: async () =>
        (
          await db
            .select({
              frequency: digestSettings.frequency,
              hour: digestSettings.hour,
              lastSentAt: digestSettings.lastSentAt,
            })
            .from(digestSettings)
            .where(eq(digestSettings.userId, userId))
        )[0] ?? null,
    },
    { key: "posts", kind: "list", batches: () => postBatches(userId) },
    { key: "ideas", kind: "list", batches: () => ideaBatches(userId) },
    { key: "referrals", kind: "list", batches: () => referralBatches(userId) },
    { key: "reservations", kind: "list", batches: () => reservationBatches(userId) },
    { key: "pledges", kind: "list", batches: () => pledgeBatches(userId) },
    { key: "notifications", kind: "list", batches: () => notificationBatches(userId) },
    { key: "auditEntries", kind: "list", batches: () => auditBatches(userId) },
  ];
}

export type DataExportFormat = "json" | "html";

/** The download is itself audited: who took a copy of their data, when and in which format. */
export async function recordDataExport(
  user: Pick<CurrentUser, "id" | "organizationId">,
  format: DataExportFormat,
  ip: string | null,
): Promise<void> {
  await recordAudit(getDb(), {
    action: "account.data_exported",
    actor: user,
    targetType: "user",
    targetId: user.id,
    ip,
    details: { format },
  });
}

/** A stream of text chunks as the body of a Response; a cancelled download stops the reading. */
export function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** "netzwerke-abc-meine-daten-2026-12-08.json" */
export function exportFileName(format: DataExportFormat, now = new Date()): string {
  const day = now.toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });
  return `netzwerke-abc-meine-daten-${day}.${format}`;
}

export function exportHeaders(format: DataExportFormat, now = new Date()): HeadersInit {
  return {
    "Content-Type":
      format === "json" ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
    "Content-Disposition": `attachment; filename="${exportFileName(format, now)}"`,
    // Personal data: no cache anywhere keeps a copy.
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/** The JSON file (Art. 20): one field per section, each list written batch by batch. */
export async function* jsonExport(sections: ExportSection[], now = new Date()) {
  yield `{"format":"netzwerke-abc-meine-daten/1","createdAt":${JSON.stringify(now)}`;
  for (const section of sections) {
    const key = JSON.stringify(section.key);
    if (section.kind === "record") {
      yield `,\n${key}:${JSON.stringify(await section.read())}`;
      continue;
    }
    yield `,\n${key}:[`;
    let separator = "\n";
    for await (const batch of section.batches()) {
      yield separator + batch.map((row) => JSON.stringify(row)).join(",\n");
      separator = ",\n";
    }
    yield "]";
  }
  yield `,\n"notIncluded":${JSON.stringify(dataExportExclusions)}}\n`;
}

/** The download of one format for the signed-in person: audited, then streamed. */
export async function dataExportResponse(
  user: Pick<CurrentUser, "id" | "organizationId" | "name" | "organizationName">,
  format: DataExportFormat,
  ip: string | null,
): Promise<Response> {
  const wait = await consume("dataExportsByUser", user.id);
  if (wait !== null) {
    return new Response(dataExportTexts.tooMany(wait), {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(wait) },
    });
  }
  const now = new Date();
  await recordDataExport(user, format, ip);
  const sections = exportSectionsFor(user.id);
  const chunks = format === "json" ? jsonExport(sections, now) : htmlExport(user, sections, now);
  return new Response(streamOf(chunks), { headers: exportHeaders(format, now) });
}
