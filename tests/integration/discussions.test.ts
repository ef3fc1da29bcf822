import { feedbackFor } from "#tests/helpers/forms";
import { isFormResult } from "~/ui/portal-form";
import { revisionsOfThread } from "~/discussions/thread-page.server";
import type { LoaderFunction } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  discussionMentions,
  discussionPosts,
  discussionReports,
  notifications,
} from "~/db/schema";
import type { PostView } from "~/realtime/hub.server";
import * as appLayout from "~/routes/_app";
import * as channelPage from "~/routes/_app.diskussionen.$channelId";
import * as overview from "~/routes/_app.diskussionen._index";
import * as reportsPage from "~/routes/_app.diskussionen.meldungen";
import * as people from "~/routes/_app.diskussionen.personen";
import * as threadPage from "~/routes/_app.diskussionen.thema.$threadId";
import * as toIdea from "~/routes/_app.diskussionen.zu.idee.$ideaId";
import * as ideaPage from "~/routes/_app.ideen.$ideaId";
import { createIdeaFor } from "~/demo/idea-factories.server";
import { flashMessages } from "~/ui/flash-messages";
import { callRoute, flashOf } from "#tests/helpers/routes";
import { buildWorld, type PersonaName } from "#tests/helpers/world";
import { builtBeforeAll } from "#tests/integration/world-steps";

/**
 * Diskussionen through their routes: unread counts, "neu seit Ihrem letzten Besuch", soft
 * deletion, revisions, mentions, reports, rejected forms and hostile input.
 */

const world = builtBeforeAll(buildWorld);

type Person = Exclude<PersonaName, "anonymous">;

async function body<T>(response: Response): Promise<T> {
  const data: unknown = await response.json();
  // A refused form reads as its page reads it; any other answer as it came.
  return (isFormResult(data) ? feedbackFor(data) : data) as T;
}

async function load<T>(handler: LoaderFunction, path: string, as: Person, params = {}) {
  const response = await callRoute(handler, path, { cookie: world.cookies[as], params });
  expect(response.status).toBe(200);
  return body<T>(response);
}

function send(
  handler: LoaderFunction,
  path: string,
  as: Person,
  form: Record<string, string>,
  params: Record<string, string> = {},
) {
  return callRoute(handler, path, { cookie: world.cookies[as], params, form });
}

async function createChannelAs(employerAccess: "none" | "read" | "write" = "none") {
  const response = await send(overview.action, "/diskussionen", "coordinator", {
    intent: "create",
    networkId: world.networks.north.id,
    name: `Kanal ${randomUUID().slice(0, 8)}`,
    description: "",
    employerAccess,
  });
  expect(response.status).toBe(303);
  return response.headers.get("location")!.split("/").pop()!;
}

/** Submits a form of a channel's page. */
const channelAction = (as: Person, channelId: string, form: Record<string, string>) =>
  send(channelPage.action, `/diskussionen/${channelId}`, as, form, { channelId });

async function startThread(channelId: string, as: Person = "staff", text = "Erster Beitrag") {
  const response = await channelAction(as, channelId, {
    intent: "start",
    title: `Thema ${randomUUID().slice(0, 6)}`,
    bodyText: text,
  });
  expect(response.status).toBe(303);
  return response.headers.get("location")!.split("/").pop()!;
}

const threadPath = (threadId: string) => `/diskussionen/thema/${threadId}`;

/** Submits a form of a thread's page. */
const threadAction = (as: Person, threadId: string, form: Record<string, string>) =>
  send(threadPage.action, threadPath(threadId), as, form, { threadId });

/** Reports a post of a thread to the moderators. */
const reportAs = (as: Person, threadId: string, postId: string, reason: string) =>
  threadAction(as, threadId, { intent: "report", postId, reason });

async function replyAs(as: Person, threadId: string, form: Record<string, string>) {
  return threadAction(as, threadId, { intent: "reply", ...form });
}

async function reply(as: Person, threadId: string, text: string): Promise<string> {
  const response = await replyAs(as, threadId, { bodyText: text });
  expect(response.status).toBe(303);
  return /#beitrag-(.+)$/.exec(response.headers.get("location")!)![1]!;
}

interface ThreadPageData {
  posts: PostView[];
  newSinceSequence: number;
  revisions: Record<string, { bodyHtml: string }[]>;
  editing: { postId: string } | null;
  may: { moderate: boolean };
}

const openThread = (threadId: string, as: Person, query = "") =>
  load<ThreadPageData>(threadPage.loader, `${threadPath(threadId)}${query}`, as, { threadId });

interface ThreadListData {
  threads: { id: string; unread: number; postCount: number }[];
}

async function unreadOf(as: Person, channelId: string, threadId: string) {
  const channel = await load<ThreadListData>(channelPage.loader, `/diskussionen/${channelId}`, as, {
    channelId,
  });
  const layout = await load<{ nav: { discussions: { unread: number } | null } }>(
    appLayout.loader,
    "/diskussionen",
    as,
  );
  return {
    thread: channel.threads.find((thread) => thread.id === threadId)!.unread,
    total: layout.nav.discussions!.unread,
  };
}

describe("unread posts", () => {
  it("counts posts of others after the read mark, per thread and in the navigation", async () => {
    const channelId = await createChannelAs("none");
    const threadId = await startThread(channelId, "staff");
    await reply("staff", threadId, "Nachtrag");
    // The author has read what they wrote.
    expect((await unreadOf("staff", channelId, threadId)).thread).toBe(0);
    const before = await unreadOf("otherOrgAdmin", channelId, threadId);
    expect(before.thread).toBe(2);
    expect(before.total).toBeGreaterThanOrEqual(2);

    await openThread(threadId, "otherOrgAdmin");
    const after = await unreadOf("otherOrgAdmin", channelId, threadId);
    expect(after.thread).toBe(0);
    expect(after.total).toBe(before.total - 2);

    await reply("orgAdmin", threadId, "Noch eine Antwort");
    expect((await unreadOf("otherOrgAdmin", channelId, threadId)).thread).toBe(1);
  });

  it("the navigation has no Diskussionen for the operator outside every network", async () => {
    const layout = await load<{ nav: { discussions: unknown } }>(
      appLayout.loader,
      "/netzwerk",
      "platformAdmin",
    );
    expect(layout.nav.discussions).toBeNull();
  });
});

describe("new since the last visit", () => {
  it("marks the posts written since the previous visit", async () => {
    const threadId = await startThread(await createChannelAs(), "staff");
    const first = await openThread(threadId, "orgAdmin");
    expect(first.newSinceSequence).toBe(0);
    const seen = first.posts.at(-1)!.sequence;

    const newIds = [await reply("staff", threadId, "Eins"), await reply("staff", threadId, "Zwei")];
    const second = await openThread(threadId, "orgAdmin");
    expect(second.newSinceSequence).toBe(seen);
    expect(
      second.posts.filter((post) => post.sequence > second.newSinceSequence).map((p) => p.id),
    ).toEqual(newIds);

    const third = await openThread(threadId, "orgAdmin");
    expect(third.posts.some((post) => post.sequence > third.newSinceSequence)).toBe(false);
  });
});

describe("deleting, editing, hiding", () => {
  it("a deleted post keeps its place as a placeholder without its text", async () => {
    const channelId = await createChannelAs();
    const threadId = await startThread(channelId, "staff");
    const doomed = await reply("orgAdmin", threadId, "Das war ein Versehen");
    await reply("staff", threadId, "Danach");

    const response = await threadAction("orgAdmin", threadId, { intent: "delete", postId: doomed });
    expect(response.status).toBe(303);

    const page = await openThread(threadId, "otherOrgAdmin");
    expect(page.posts).toHaveLength(3);
    const placeholder = page.posts[1]!;
    expect(placeholder).toMatchObject({ id: doomed, state: "deleted", html: null });
    const list = await load<ThreadListData>(
      channelPage.loader,
      `/diskussionen/${channelId}`,
      "staff",
      { channelId },
    );
    expect(list.threads.find((thread) => thread.id === threadId)!.postCount).toBe(2);
  });

  it("an edit keeps the earlier version, which only moderators see", async () => {
    const threadId = await startThread(await createChannelAs(), "staff");
    const postId = await reply("orgAdmin", threadId, "Termin am 3. Mai");

    const editing = await openThread(threadId, "orgAdmin", `?bearbeiten=${postId}`);
    expect(editing.editing?.postId).toBe(postId);
    // Nobody edits someone else's post, not even through the address.
    expect((await openThread(threadId, "staff", `?bearbeiten=${postId}`)).editing).toBeNull();

    const response = await threadAction("orgAdmin", threadId, {
      intent: "edit",
      postId,
      bodyText: "Termin am 10. Mai",
    });
    expect(response.status).toBe(303);

    const revisions = (await revisionsOfThread(threadId))[postId] ?? [];
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.bodyHtml).toContain("3. Mai");
    const asAuthor = await openThread(threadId, "orgAdmin");
    const edited = asAuthor.posts.find((post) => post.id === postId)!;
    expect(edited.editedAt).not.toBeNull();
    expect(edited.html).toContain("10. Mai");
    expect(asAuthor.revisions).toEqual({});
    const asModerator = await openThread(threadId, "coordinator");
    expect(asModerator.may.moderate).toBe(true);
    expect(asModerator.revisions[postId]![0]!.bodyHtml).toContain("3. Mai");
  });

  it("a locked thread refuses replies until it is unlocked", async () => {
    const threadId = await startThread(await createChannelAs(), "staff");
    const lock = (intent: string) => threadAction("coordinator", threadId, { intent });
    const locked = await lock("lock");
    expect(locked.status).toBe(303);
    expect(await flashOf(locked)).toBe(flashMessages.threadLocked);
    expect((await replyAs("staff", threadId, { bodyText: "Noch was" })).status).toBe(403);
    const unlocked = await lock("unlock");
    expect(unlocked.status).toBe(303);
    expect(await flashOf(unlocked)).toBe(flashMessages.threadUnlocked);
    expect((await replyAs("staff", threadId, { bodyText: "Noch was" })).status).toBe(303);
  });
});

describe("mentions", () => {
  function mentioning(people: { id: string; name: string }[]) {
    return JSON.stringify({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Schaut mal " },
            ...people.map((person) => ({
              type: "mention",
              attrs: { id: person.id, label: person.name },
            })),
          ],
        },
      ],
    });
  }

  it("notifies mentioned readers only; a person who cannot read the thread is ignored", async () => {
    // Employer members do not see a channel with employer access "none".
    const threadId = await startThread(await createChannelAs("none"), "staff");
    const { orgAdmin, employer, otherNetworkStaff } = world.users;
    const response = await replyAs("otherOrgAdmin", threadId, {
      body: mentioning([orgAdmin, employer, otherNetworkStaff]),
    });
    expect(response.status).toBe(303);
    const postId = /#beitrag-(.+)$/.exec(response.headers.get("location")!)![1]!;

    const mentioned = await getDb()
      .select({ userId: discussionMentions.userId })
      .from(discussionMentions)
      .where(eq(discussionMentions.postId, postId));
    expect(mentioned.map((row) => row.userId)).toEqual([orgAdmin.id]);
    const link = `/diskussionen/thema/${threadId}#beitrag-${postId}`;
    const notified = await getDb()
      .select({ userId: notifications.userId, message: notifications.message })
      .from(notifications)
      .where(eq(notifications.link, link));
    expect(notified.map((row) => row.userId).sort()).toEqual(
      [orgAdmin.id, world.users.staff.id].sort(),
    );
    expect(notified.find((row) => row.userId === orgAdmin.id)!.message).toContain("erwähnt");
  });

  it("suggests people who may read the thread, with their organisation", async () => {
    const threadId = await startThread(await createChannelAs("none"), "staff");
    const suggestions = await load<{ id: string; label: string; detail: string }[]>(
      people.loader,
      `/diskussionen/personen?thema=${threadId}&q=`,
      "staff",
    );
    const ids = suggestions.map((suggestion) => suggestion.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(8);
    expect(ids).not.toContain(world.users.staff.id);
    expect(ids).not.toContain(world.users.employer.id);
    expect(ids).not.toContain(world.users.otherNetworkStaff.id);

    const byName = await load<{ id: string; label: string; detail: string }[]>(
      people.loader,
      `/diskussionen/personen?thema=${threadId}&q=${encodeURIComponent(world.users.otherOrgAdmin.name.toUpperCase())}`,
      "staff",
    );
    expect(byName).toEqual([
      {
        id: world.users.otherOrgAdmin.id,
        label: world.users.otherOrgAdmin.name,
        detail: world.organizations.orgB.name,
      },
    ]);
  });
});

describe("reports", () => {
  async function reportedPost() {
    const threadId = await startThread(await createChannelAs(), "staff");
    const postId = await reply("staff", threadId, "Frau M. aus Apolda hat wieder nicht bezahlt.");
    const response = await reportAs(
      "otherOrgAdmin",
      threadId,
      postId,
      "Enthält Angaben zu einer Kundin.",
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${threadPath(threadId)}#beitrag-${postId}`);
    expect(response.headers.get("x-remix-replace")).toBe("true");
    expect(await flashOf(response)).toBe(flashMessages.postReported);
    const [report] = await getDb()
      .select({ id: discussionReports.id })
      .from(discussionReports)
      .where(eq(discussionReports.postId, postId));
    return { threadId, postId, reportId: report!.id };
  }

  interface ReportsData {
    reports: { id: string; reason: string; postHtml: string | null; threadId: string }[];
  }
  const reportsOf = () =>
    load<ReportsData>(reportsPage.loader, "/diskussionen/meldungen", "coordinator");

  it("the coordinator dismisses a report: the post stays, the decision is audited", async () => {
    const { postId, reportId, threadId } = await reportedPost();
    const listed = (await reportsOf()).reports.find((report) => report.id === reportId)!;
    expect(listed).toMatchObject({ reason: "Enthält Angaben zu einer Kundin.", threadId });
    expect(listed.postHtml).toContain("Apolda");

    const response = await send(reportsPage.action, "/diskussionen/meldungen", "coordinator", {
      intent: "dismiss",
      reportId,
    });
    expect(response.status).toBe(303);
    expect((await reportsOf()).reports.some((report) => report.id === reportId)).toBe(false);
    const [entry] = await getDb()
      .select({ actorUserId: auditLog.actorUserId, details: auditLog.details })
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "discussion.report_dismissed"), eq(auditLog.targetId, reportId)),
      );
    expect(entry).toMatchObject({ actorUserId: world.users.coordinator.id, details: { postId } });
    const page = await openThread(threadId, "otherOrgAdmin");
    expect(page.posts.find((post) => post.id === postId)!.state).toBe("visible");
  });

  it("hiding the post resolves its report and leaves the moderation placeholder", async () => {
    const { postId, reportId, threadId } = await reportedPost();
    const response = await send(reportsPage.action, "/diskussionen/meldungen", "coordinator", {
      intent: "hide",
      reportId,
    });
    expect(response.status).toBe(303);
    expect((await reportsOf()).reports.some((report) => report.id === reportId)).toBe(false);
    const page = await openThread(threadId, "orgAdmin");
    expect(page.posts.find((post) => post.id === postId)).toMatchObject({
      state: "hidden",
      html: null,
    });
  });
});

describe("rejected forms keep what was typed", () => {
  it("an empty reply answers 400 with a German message", async () => {
    const threadId = await startThread(await createChannelAs());
    const response = await replyAs("orgAdmin", threadId, { bodyText: "  " });
    expect(response.status).toBe(400);
    expect(await body(response)).toMatchObject({
      intent: "reply",
      errors: { body: "Bitte schreiben Sie einen Beitrag." },
      values: { bodyText: "  " },
    });
  });

  it("a new thread without a title keeps the typed post", async () => {
    const channelId = await createChannelAs();
    const response = await channelAction("staff", channelId, {
      intent: "start",
      title: "a",
      bodyText: "Wer kennt eine gute Sprachschule?",
    });
    expect(response.status).toBe(400);
    expect(await body(response)).toMatchObject({
      errors: { title: expect.stringContaining("Titel") },
      values: { title: "a", bodyText: "Wer kennt eine gute Sprachschule?" },
    });
  });

  it("a report without a reason, and a channel name that is taken", async () => {
    const threadId = await startThread(await createChannelAs());
    const postId = await reply("staff", threadId, "Text");
    const report = await reportAs("orgAdmin", threadId, postId, "");
    expect(report.status).toBe(400);
    expect(await body(report)).toMatchObject({
      errors: { reason: "Bitte sagen Sie kurz, warum Sie den Beitrag melden." },
      values: { postId },
    });

    const name = `Allgemein ${randomUUID().slice(0, 6)}`;
    const create = (channelName: string) =>
      send(overview.action, "/diskussionen", "coordinator", {
        intent: "create",
        networkId: world.networks.north.id,
        name: channelName,
        description: "Beschreibung bleibt",
        employerAccess: "write",
      });
    expect((await create(name)).status).toBe(303);
    const taken = await create(name.toUpperCase());
    expect(taken.status).toBe(400);
    expect(await body(taken)).toMatchObject({
      errors: { name: expect.stringContaining("schon") },
      values: { description: "Beschreibung bleibt", employerAccess: "write" },
    });
  });
});

describe("hostile input", () => {
  const XSS_TEXTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">Klick</a>',
    "<svg/onload=alert(1)>",
    '"><iframe src="https://evil.example"></iframe>',
    "<p style=\"background:url('javascript:alert(1)')\">x</p>",
  ];
  const link = (href: string, text = "Link") =>
    JSON.stringify({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text, marks: [{ type: "link", attrs: { href } }] }],
        },
      ],
    });
  const XSS_DOCUMENTS = [
    link("javascript:alert(1)"),
    link("JaVaScRiPt:alert(1)"),
    link("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    link('https://example.org" onmouseover="alert(1)'),
    link("https://example.org", "<script>alert(1)</script>"),
    JSON.stringify({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "html", text: "<script>alert(1)</script>" }] },
      ],
    }),
    JSON.stringify({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "mention",
              attrs: { id: '"><script>alert(1)</script>', label: "<img src=x onerror=alert(1)>" },
            },
          ],
        },
      ],
    }),
    JSON.stringify({
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { onclick: "alert(1)" },
          content: [{ type: "text", text: "x" }],
        },
      ],
    }),
  ];

  function expectSafe(html: string) {
    expect(html).not.toMatch(/<\s*(script|svg|iframe|img|object|embed|style)/i);
    for (const tag of html.match(/<[^>]*>/g) ?? []) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/style\s*=/i);
      expect(tag).not.toMatch(/(javascript|vbscript|data)\s*:/i);
    }
  }

  it("nothing typed or sent as a document reaches body_html unsanitized", async () => {
    const threadId = await startThread(await createChannelAs());
    for (const text of XSS_TEXTS) {
      expect((await replyAs("orgAdmin", threadId, { bodyText: text })).status).toBe(303);
    }
    for (const document of XSS_DOCUMENTS) {
      // Refused as a document the schema does not allow, or stored sanitized.
      expect([303, 400]).toContain(
        (await replyAs("orgAdmin", threadId, { body: document })).status,
      );
    }
    const stored = await getDb()
      .select({ bodyHtml: discussionPosts.bodyHtml })
      .from(discussionPosts)
      .where(eq(discussionPosts.threadId, threadId));
    expect(stored.length).toBeGreaterThan(XSS_TEXTS.length);
    for (const { bodyHtml } of stored) expectSafe(bodyHtml);
    // Typed markup is text: shown escaped, not dropped.
    expect(stored.some(({ bodyHtml }) => bodyHtml.includes("&lt;script&gt;"))).toBe(true);
  });
});

describe("discussions beside ideas", () => {
  it("the idea page counts the posts of its thread, created when the link is followed", async () => {
    const ideaId = await createIdeaFor(
      world.users.staff,
      { networkId: world.networks.north.id, visibility: "network" },
      { publish: true },
    );
    const path = `/ideen/${ideaId}`;
    const countOf = async () =>
      (await load<{ discussionPosts: number }>(ideaPage.loader, path, "otherOrgAdmin", { ideaId }))
        .discussionPosts;
    expect(await countOf()).toBe(0);
    const response = await callRoute(toIdea.loader, `/diskussionen/zu/idee/${ideaId}`, {
      cookie: world.cookies.otherOrgAdmin,
      params: { ideaId },
    });
    const threadId = response.headers.get("location")!.split("/").pop()!;
    // Following the link twice leads to the same thread.
    const again = await callRoute(toIdea.loader, `/diskussionen/zu/idee/${ideaId}`, {
      cookie: world.cookies.staff,
      params: { ideaId },
    });
    expect(again.headers.get("location")).toBe(`/diskussionen/thema/${threadId}`);
    await reply("otherOrgAdmin", threadId, "Wie viele Betriebe waren dabei?");
    await reply("staff", threadId, "Zwölf.");
    expect(await countOf()).toBe(2);
  });
});
