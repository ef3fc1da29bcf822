import { and, count, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import { inUnitOfWork, type UnitOfWork } from "~/db/unit-of-work.server";
import { createRecord } from "~/submissions/create-record.server";
import type { Submission } from "~/submissions/submission-key.server";
import {
  ideaAdoptions,
  ideaBookmarks,
  ideaRevisions,
  ideas,
  organizations,
  type IdeaStatus,
} from "~/db/schema";
import { revokeIdeaThreadRooms } from "~/discussions/revocation.server";
import { notifyUsers } from "~/notifications/notifications.server";
import { plainTextOf } from "~/rich-text/schema";
import { enqueueSearchUpdate } from "~/search/search-index.server";
import { activeCaseWorkers } from "~/organizations/members.server";
import type { IdeaInput } from "./idea-form";
import { ideaTexts } from "./texts";

interface Actor {
  id: string;
  organizationId: string;
}

/** The columns an idea's own fields map to, shared by create and update. */
function ideaColumns(input: IdeaInput) {
  return {
    title: input.title,
    summary: input.summary,
    body: input.body,
    bodyText: plainTextOf(input.body),
    targetGroups: input.targetGroups,
    fieldsOfAction: input.fieldsOfAction,
    region: input.region,
    partnerKinds: input.partnerKinds,
    funding: input.funding,
    results: input.results,
    period: input.period,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    visibility: input.visibility,
    networkId: input.networkId,
  };
}

/** The same fields read back, for the idea page and the editor. */
export const ideaFieldColumns = {
  title: ideas.title,
  summary: ideas.summary,
  body: ideas.body,
  targetGroups: ideas.targetGroups,
  fieldsOfAction: ideas.fieldsOfAction,
  region: ideas.region,
  partnerKinds: ideas.partnerKinds,
  funding: ideas.funding,
  results: ideas.results,
  period: ideas.period,
  contactName: ideas.contactName,
  contactEmail: ideas.contactEmail,
  contactPhone: ideas.contactPhone,
  visibility: ideas.visibility,
  networkId: ideas.networkId,
};

/** The version an editor saved, kept beside the idea. */
function revisionOf(ideaId: string, actor: Actor, input: IdeaInput, now: Date) {
  return {
    ideaId,
    editorUserId: actor.id,
    title: input.title,
    summary: input.summary,
    body: input.body,
    createdAt: now,
  };
}

/** Publishing again keeps the date the idea was first published. */
function publishedAt(now: Date) {
  return { status: "published" as const, publishedAt: sql`coalesce(${ideas.publishedAt}, ${now})` };
}

/** Only its own organisation changes an idea, whatever the route checked before. */
function ownIdea(actor: Actor, ideaId: string) {
  return and(eq(ideas.id, ideaId), eq(ideas.organizationId, actor.organizationId));
}

/** Creates an idea as a draft or published, with its first revision and its indexing order. */
export async function createIdea(
  actor: Actor,
  input: IdeaInput,
  publish: boolean,
  ip: string | null,
  submission: Submission | null = null,
): Promise<string> {
  const now = new Date();
  return createRecord({
    table: ideas,
    values: {
      ...ideaColumns(input),
      organizationId: actor.organizationId,
      authorUserId: actor.id,
      status: publish ? "published" : "draft",
      publishedAt: publish ? now : null,
      createdAt: now,
      updatedAt: now,
    },
    implies: async (unit, id) => {
      await unit.tx.insert(ideaRevisions).values(revisionOf(id, actor, input, now));
      await enqueueSearchUpdate(unit, id);
    },
    audit: {
      action: publish ? "idea.published" : "idea.created",
      actor,
      ip,
      targetType: "idea",
      networkId: input.networkId,
    },
    submission,
    location: (id) => `/ideen/${id}`,
  });
}

/**
 * Changes an idea of the actor's organisation in one unit of work, queues its re-indexing and
 * re-checks who may still discuss it; `record` writes what else belongs to the change. False
 * when the organisation has no such idea.
 */
function changeOwnIdea(
  actor: Actor,
  ideaId: string,
  set: PgUpdateSetSource<typeof ideas>,
  record: (unit: UnitOfWork) => Promise<void>,
): Promise<boolean> {
  return inUnitOfWork(async (unit) => {
    const rows = await unit.tx
      .update(ideas)
      .set(set)
      .where(ownIdea(actor, ideaId))
      .returning({ id: ideas.id });
    if (rows.length === 0) return false;
    await record(unit);
    await enqueueSearchUpdate(unit, ideaId);
    await revokeIdeaThreadRooms(unit, ideaId);
    return true;
  });
}

/** Saves an edit of the actor's organisation's idea as a new revision; false if there is none. */
export async function updateIdea(
  actor: Actor,
  ideaId: string,
  input: IdeaInput,
  publish: boolean,
  ip: string | null,
): Promise<boolean> {
  const now = new Date();
  const set = { ...ideaColumns(input), updatedAt: now, ...(publish ? publishedAt(now) : {}) };
  return changeOwnIdea(actor, ideaId, set, async ({ tx }) => {
    await tx.insert(ideaRevisions).values(revisionOf(ideaId, actor, input, now));
    await recordAudit(tx, {
      action: publish ? "idea.published" : "idea.updated",
      actor,
      ip,
      targetType: "idea",
      targetId: ideaId,
    });
  });
}

/** Publishes, archives or reactivates an idea of the actor's organisation. */
export async function setIdeaStatus(
  actor: Actor,
  ideaId: string,
  status: Exclude<IdeaStatus, "draft">,
  ip: string | null,
): Promise<boolean> {
  const now = new Date();
  const set = { status, updatedAt: now, ...(status === "published" ? publishedAt(now) : {}) };
  return changeOwnIdea(actor, ideaId, set, ({ tx }) =>
    recordAudit(tx, {
      action: status === "published" ? "idea.published" : "idea.archived",
      actor,
      ip,
      targetType: "idea",
      targetId: ideaId,
    }),
  );
}

/**
 * Records that the actor's organisation adopts the idea and tells the author's organisation.
 * The count on the idea is recomputed in the same transaction, so it always matches the rows.
 */
export async function adoptIdea(
  actor: Actor & { organizationName: string },
  ideaId: string,
  note: string,
  ip: string | null,
): Promise<{ ok: true } | { ok: false; message: string }> {
  return inUnitOfWork(async (unit) => {
    const { tx } = unit;
    const inserted = await tx
      .insert(ideaAdoptions)
      .values({ ideaId, organizationId: actor.organizationId, userId: actor.id, note })
      .onConflictDoNothing()
      .returning({ ideaId: ideaAdoptions.ideaId });
    if (inserted.length === 0) return { ok: false as const, message: ideaTexts.alreadyAdopted };
    const [idea] = await tx
      .update(ideas)
      .set({
        adoptionCount: sql`(select count(*) from ${ideaAdoptions} where ${ideaAdoptions.ideaId} = ${ideaId})`,
      })
      .where(eq(ideas.id, ideaId))
      .returning({ title: ideas.title, organizationId: ideas.organizationId });
    await enqueueSearchUpdate(unit, ideaId);
    await recordAudit(tx, {
      action: "idea.adopted",
      actor,
      ip,
      targetType: "idea",
      targetId: ideaId,
    });
    const authors = await activeCaseWorkers(tx, idea!.organizationId);
    await notifyUsers(
      unit,
      authors.map((author) => author.id),
      ideaTexts.adoptedNotification(actor.organizationName, idea!.title),
      `/ideen/${ideaId}`,
      { kind: "network_change" },
    );
    return { ok: true as const };
  });
}

/** Adds the idea to the user's Merkliste or takes it off; returns whether it is on it now. */
export async function toggleBookmark(userId: string, ideaId: string): Promise<boolean> {
  const removed = await getDb()
    .delete(ideaBookmarks)
    .where(and(eq(ideaBookmarks.userId, userId), eq(ideaBookmarks.ideaId, ideaId)))
    .returning({ ideaId: ideaBookmarks.ideaId });
  if (removed.length > 0) return false;
  await getDb().insert(ideaBookmarks).values({ userId, ideaId }).onConflictDoNothing();
  return true;
}

export async function revisionCount(ideaId: string): Promise<number> {
  const [row] = await getDb()
    .select({ value: count() })
    .from(ideaRevisions)
    .where(eq(ideaRevisions.ideaId, ideaId));
  return row?.value ?? 0;
}

export function listAdoptions(ideaId: string) {
  return getDb()
    .select({
      organizationId: ideaAdoptions.organizationId,
      organizationName: organizations.name,
      note: ideaAdoptions.note,
      createdAt: ideaAdoptions.createdAt,
    })
    .from(ideaAdoptions)
    .innerJoin(organizations, eq(organizations.id, ideaAdoptions.organizationId))
    .where(eq(ideaAdoptions.ideaId, ideaId))
    .orderBy(ideaAdoptions.createdAt);
}
