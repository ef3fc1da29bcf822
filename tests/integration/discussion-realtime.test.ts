import { and, eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { getDb } from "~/db/client.server";
import { auditLog, discussionReads } from "~/db/schema";
import {
  createPost,
  deletePost,
  editPost,
  hidePost,
  listPostViews,
  setThreadLocked,
  startChannelThread,
} from "~/discussions/posts.server";
import { getChannelAccess } from "~/discussions/access.server";
import { createChannel, updateChannel } from "~/discussions/channels.server";
import { setRealtimeServer, type PostView } from "~/realtime/hub.server";
import {
  ask,
  connected,
  followThread,
  join,
  openClient,
  pause,
  recordEvents,
  startSocketInstance,
  waitFor,
  type SocketInstance,
  type ThreadPage,
} from "#tests/helpers/discussion-sockets";
import {
  buildDiscussionWorld,
  parsePostInput,
  personaKinds,
  postInputFromText,
  threadKinds,
  type Member,
  type PersonaKind,
  type ThreadKind,
} from "#tests/helpers/discussion-world";
import { readAsBrowser, unsafeMarkup } from "#tests/helpers/safe-html";
import { builtBeforeAll } from "#tests/integration/world-steps";

/**
 * The real-time guarantees of Diskussionen, with socket.io servers in this process: who may use
 * which socket event on which thread (the permission module decides, denials are audited), who
 * receives posts, that live HTML is the sanitized one, that nothing is lost or doubled across a
 * dropped connection or a server restart, rate limits and validation, presence. With REDIS_URL
 * set, posts are written through one server and the clients sit on another one, so every
 * delivery crosses the Redis streams adapter.
 */

const withRedis = Boolean(process.env.REDIS_URL);
const world = builtBeforeAll(buildDiscussionWorld);
let emitting: SocketInstance;
let receiving: SocketInstance;
const sockets: Socket[] = [];

beforeAll(async () => {
  emitting = await startSocketInstance();
  receiving = withRedis ? await startSocketInstance() : emitting;
  setRealtimeServer(emitting.io);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  setRealtimeServer(undefined);
  for (const instance of new Set([emitting, receiving])) await instance?.close();
});

function open(member: Member, options: { on?: SocketInstance; reconnect?: boolean } = {}) {
  const socket = openClient((options.on ?? receiving).url, member.cookie, options);
  sockets.push(socket);
  return socket;
}

async function openJoined(member: Member, threadId: string, on?: SocketInstance) {
  const socket = open(member, { on });
  await connected(socket);
  const events = recordEvents(socket);
  expect(await join(socket, threadId)).toMatchObject({ ok: true });
  return { socket, events };
}

/** A reply written as the thread page's action writes it (which then emits it). */
async function postOf(threadId: string, member: Member, text: string): Promise<PostView> {
  const thread = await world.threadRecordById(threadId);
  return createPost(member.user, thread, postInputFromText(text));
}

const postsIn = (events: { name: string; payload: unknown }[]) =>
  events
    .filter((event) => event.name === "discussion:post")
    .map((event) => event.payload as PostView);

const aboutThread = (threadId: string) => (event: { payload: unknown }) =>
  (event.payload as { threadId?: string } | undefined)?.threadId === threadId;

const notFound = { ok: false, error: "not_found" };

/** Events that carry something of a thread beyond its id. */
const isContent = (event: { name: string }) => event.name !== "discussion:activity";

describe("Berechtigungsmatrix der Socket-Ereignisse", () => {
  /** Who may see (join, read, leave) each thread, as the thread page decides it. */
  const mayView: Record<ThreadKind, Record<PersonaKind, boolean>> = {
    channelClosedToEmployers: {
      ownOrgStaff: true,
      otherOrgStaff: true,
      coordinator: true,
      employer: false,
      otherNetworkStaff: false,
    },
    channelReadableByEmployers: {
      ownOrgStaff: true,
      otherOrgStaff: true,
      coordinator: true,
      employer: true,
      otherNetworkStaff: false,
    },
    // Sent from A to B: only the two organisations, never the network's coordinator.
    referral: {
      ownOrgStaff: true,
      otherOrgStaff: true,
      coordinator: false,
      employer: false,
      otherNetworkStaff: false,
    },
    ideaPublished: {
      ownOrgStaff: true,
      otherOrgStaff: true,
      coordinator: true,
      employer: true,
      otherNetworkStaff: false,
    },
    ideaDraft: {
      ownOrgStaff: true,
      otherOrgStaff: false,
      coordinator: false,
      employer: false,
      otherNetworkStaff: false,
    },
    ideaNationwide: {
      ownOrgStaff: true,
      otherOrgStaff: true,
      coordinator: true,
      employer: true,
      otherNetworkStaff: true,
    },
  };
  /** Typing needs the right to reply: employers only read where the channel says "read". */
  const mayReply: Record<ThreadKind, Record<PersonaKind, boolean>> = {
    ...mayView,
    channelReadableByEmployers: { ...mayView.channelReadableByEmployers, employer: false },
  };

  const events = ["thread:join", "thread:typing", "thread:read", "thread:leave"] as const;
  const cells = threadKinds.flatMap((thread) =>
    personaKinds.map((persona) => ({
      thread,
      persona,
      view: mayView[thread][persona],
      reply: mayReply[thread][persona],
    })),
  );

  /** Staff of A, in every thread: sees what the thread's room gets. */
  let watcherEvents: { name: string; payload: unknown }[];

  beforeAll(async () => {
    const watcher = open(world.author);
    await connected(watcher);
    watcherEvents = recordEvents(watcher);
    for (const kind of threadKinds)
      expect(await join(watcher, world.threadIds[kind])).toMatchObject({ ok: true });
  });

  async function deniedAudits(userId: string) {
    const rows = await getDb()
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, "permission.denied")));
    return rows.map((row) => row.details);
  }

  /** A post in the thread; once the watcher has it, every socket of the room has it too. */
  async function postSeenByWatcher(threadId: string): Promise<PostView> {
    const post = await postOf(threadId, world.author, "Neuigkeit für die Matrix");
    await waitFor(
      () => postsIn(watcherEvents).some((seen) => seen.id === post.id),
      "Beitrag beim Beobachter",
    );
    await pause(30);
    return post;
  }

  describe.each(events)("%s", (event) => {
    it.each(cells)("$persona in $thread (sehen: $view, antworten: $reply)", async (cell) => {
      const allowed = event === "thread:typing" ? cell.reply : cell.view;
      const threadId = world.threadIds[cell.thread];
      const member = await world.persona(cell.persona);
      const socket = open(member);
      await connected(socket);
      const received = recordEvents(socket);

      if (event === "thread:join") {
        expect(await join(socket, threadId)).toEqual(
          allowed ? { ok: true, locked: false, changes: [] } : notFound,
        );
        const post = await postSeenByWatcher(threadId);
        expect(postsIn(received).map((seen) => seen.id)).toEqual(allowed ? [post.id] : []);
      } else {
        if (cell.view) expect(await join(socket, threadId)).toMatchObject({ ok: true });
        const sequence = (await world.thread(cell.thread)).lastPostSequence;
        const payload = event === "thread:read" ? { threadId, sequence } : { threadId };
        const typingBefore = watcherEvents.filter((seen) => seen.name === "discussion:typing");
        expect(await ask(socket, event, payload)).toEqual(allowed ? { ok: true } : notFound);

        if (event === "thread:typing") {
          const fromMember = () =>
            watcherEvents.filter(
              (seen) =>
                seen.name === "discussion:typing" &&
                (seen.payload as { userId: string }).userId === member.user.id,
            );
          if (allowed) {
            await waitFor(() => fromMember().length === 1, "Tipp-Hinweis beim Beobachter");
            expect(fromMember()[0]!.payload).toEqual({
              threadId,
              userId: member.user.id,
              name: member.user.name,
            });
          } else {
            await pause(150);
            expect(fromMember()).toEqual([]);
            expect(watcherEvents.filter((seen) => seen.name === "discussion:typing")).toEqual(
              typingBefore,
            );
          }
        }
        if (event === "thread:read") {
          const [mark] = await getDb()
            .select({ lastReadSequence: discussionReads.lastReadSequence })
            .from(discussionReads)
            .where(
              and(
                eq(discussionReads.userId, member.user.id),
                eq(discussionReads.threadId, threadId),
              ),
            );
          expect(mark?.lastReadSequence).toBe(allowed ? sequence : undefined);
        }
        if (event === "thread:leave") {
          // Whether it left or never got in: the room's next post does not reach it.
          const post = await postSeenByWatcher(threadId);
          expect(postsIn(received).map((seen) => seen.id)).not.toContain(post.id);
          if (allowed) {
            // Presence is announced a moment after a change (coalesced per thread): wait for the
            // announcement that follows the leave.
            const latestViewers = () => {
              const presences = watcherEvents.filter(
                (seen) => seen.name === "discussion:presence" && aboutThread(threadId)(seen),
              );
              const latest = presences.at(-1)?.payload as { viewers: { id: string }[] };
              return latest.viewers.map((viewer) => viewer.id);
            };
            await waitFor(
              () => !latestViewers().includes(member.user.id),
              "Anwesenheit ohne die gegangene Person",
            );
          }
        }
      }

      const capability = event === "thread:typing" ? "thread.reply" : "thread.view";
      expect(await deniedAudits(member.user.id)).toEqual(
        allowed
          ? []
          : [
              expect.objectContaining({
                capability,
                threadId,
                // A thread one may read but not answer is "forbidden"; an invisible one "missing".
                answered: cell.view ? 403 : 404,
              }),
            ],
      );
      // Nothing about a thread one may not see: no post, no typing, no presence (the activity
      // ping is checked on its own below).
      if (!cell.view) expect(received.filter(aboutThread(threadId)).filter(isContent)).toEqual([]);
      socket.close();
    });
  });
});

describe("Aktivitätshinweise", () => {
  const activityIn = (events: { name: string; payload: unknown }[], threadId: string) =>
    events.filter((event) => event.name === "discussion:activity" && aboutThread(threadId)(event));

  async function connectedRecording(member: Member) {
    const socket = open(member);
    await connected(socket);
    return recordEvents(socket);
  }

  it("pings the organisations of a referral with the thread id only, not the network", async () => {
    const sender = await connectedRecording(await world.persona("ownOrgStaff"));
    const receiver = await connectedRecording(await world.persona("otherOrgStaff"));
    const coordinator = await connectedRecording(await world.persona("coordinator"));
    const employer = await connectedRecording(await world.persona("employer"));
    const threadId = world.threadIds.referral;
    await postOf(threadId, world.author, "Termin bei der Schuldnerberatung steht");
    for (const events of [sender, receiver]) {
      await waitFor(() => activityIn(events, threadId).length === 1, "Aktivitätshinweis");
      expect(activityIn(events, threadId)[0]!.payload).toEqual({ threadId });
    }
    await pause(100);
    expect(activityIn(coordinator, threadId)).toEqual([]);
    expect(activityIn(employer, threadId)).toEqual([]);
  });

  it("does not ping those who may not see the thread", async () => {
    const employer = await connectedRecording(await world.persona("employer"));
    const otherOrg = await connectedRecording(await world.persona("otherOrgStaff"));
    const author = await connectedRecording(await world.persona("ownOrgStaff"));
    const closed = world.threadIds.channelClosedToEmployers;
    const draft = world.threadIds.ideaDraft;
    await postOf(closed, world.author, "Nur für Fachkräfte");
    await postOf(draft, world.author, "Noch nicht veröffentlicht");
    await waitFor(
      () => activityIn(author, closed).length + activityIn(author, draft).length === 2,
      "Aktivitätshinweise beim eigenen Team",
    );
    await pause(100);
    expect(activityIn(employer, closed)).toEqual([]);
    expect(activityIn(otherOrg, draft)).toEqual([]);
  });
});

describe("Zustellung", () => {
  it("delivers a new post to every joined client of the thread and to nobody else", async () => {
    const threadId = await world.freshThread("Zustellung");
    const readers = [
      await openJoined(await world.persona("ownOrgStaff"), threadId, emitting),
      await openJoined(await world.persona("otherOrgStaff"), threadId),
      await openJoined(await world.persona("coordinator"), threadId),
    ];
    const elsewhere = await openJoined(
      await world.persona("otherOrgStaff"),
      world.threadIds.channelReadableByEmployers,
    );
    const notJoined = open(await world.persona("ownOrgStaff"));
    await connected(notJoined);
    const notJoinedEvents = recordEvents(notJoined);
    const refused = open(await world.persona("employer"));
    await connected(refused);
    const refusedEvents = recordEvents(refused);
    expect(await join(refused, threadId)).toEqual(notFound);

    const post = await postOf(threadId, world.author, "Wer kommt zum Netzwerktreffen am Dienstag?");
    for (const reader of readers) {
      await waitFor(() => postsIn(reader.events).length === 1, "Beitrag bei allen Lesenden");
      expect(postsIn(reader.events)).toEqual([post]);
    }
    expect(post).toMatchObject({
      threadId,
      state: "visible",
      authorId: world.author.user.id,
      html: "<p>Wer kommt zum Netzwerktreffen am Dienstag?</p>",
    });
    await pause(100);
    for (const bystander of [elsewhere.events, notJoinedEvents, refusedEvents])
      expect(postsIn(bystander)).toEqual([]);
  });

  it("sends edits, deletions and hiding as updates of the post, without the removed text", async () => {
    const threadId = await world.freshThread("Änderungen");
    const reader = await openJoined(await world.persona("otherOrgStaff"), threadId);
    const page = followThread(reader.socket, threadId);
    const thread = await world.threadRecordById(threadId);
    const edited = await postOf(threadId, world.author, "Treffen um 9 Uhr");
    const deleted = await postOf(threadId, world.author, "Versehentlich doppelt");
    const hidden = await postOf(threadId, world.author, "Unpassender Beitrag");
    await waitFor(() => page.posts.size === 4, "drei neue Beiträge");

    const afterEdit = await editPost(edited.id, thread, postInputFromText("Treffen um 10 Uhr"));
    await deletePost(world.author.user, deleted.id, thread, null);
    await hidePost(world.coordinator.user, hidden.id, thread, null);
    await waitFor(() => postsIn(reader.events).length === 6, "drei Änderungen nach drei Beiträgen");

    const updates = postsIn(reader.events).slice(3);
    expect(updates).toEqual([
      expect.objectContaining({
        id: edited.id,
        sequence: edited.sequence,
        state: "visible",
        html: "<p>Treffen um 10 Uhr</p>",
        editedAt: expect.any(String),
      }),
      expect.objectContaining({ id: deleted.id, state: "deleted", html: null }),
      expect.objectContaining({ id: hidden.id, state: "hidden", html: null }),
    ]);
    expect(afterEdit.changeSequence).toBeGreaterThan(edited.changeSequence);
    for (const update of updates) expect(JSON.stringify(update)).not.toMatch(/doppelt|Unpassend/);
    // The page shows them in their places; a late page catching up sees the same.
    expect(page.texts().slice(1)).toEqual(["<p>Treffen um 10 Uhr</p>", "(deleted)", "(hidden)"]);
    expect(page.ordered()).toEqual(await listPostViews(threadId));

    const locked = new Promise((resolve) => reader.socket.once("discussion:thread", resolve));
    await setThreadLocked(world.coordinator.user, thread, true, null);
    expect(await locked).toEqual({ threadId, locked: true });
  });
});

describe("XSS auf dem Weg über den Socket", () => {
  /** Typed into the no-JavaScript textarea: stored as text, so it must arrive as text. */
  const hostileTexts: [string, string][] = [
    ["script", "<script>alert(1)</script>"],
    ["script with src", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>"],
    ["img onerror", "<img src=x onerror=alert(1)>"],
    ["onclick", '<p onclick="alert(1)">Klick</p>'],
    ["javascript: link", '<a href="javascript:alert(1)">x</a>'],
    ["entity javascript: link", '<a href="&#106;avascript:alert(1)">x</a>'],
    ["svg onload", "<svg onload=alert(1)>"],
    ["svg script", "<svg><script>alert(1)</script></svg>"],
    ["style element", "<style>body{background:url(javascript:alert(1))}</style>"],
    ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
    ["iframe srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ["quotes breaking out", '"><script>alert(1)</script>'],
    ["math mutation", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"],
    ["markdown-style link", "[klick](javascript:alert(1))"],
  ];

  const text = (value: string, marks?: unknown[]) =>
    marks ? { type: "text", text: value, marks } : { type: "text", text: value };
  const doc = (...content: unknown[]) => JSON.stringify({ type: "doc", content });
  const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });

  /** Editor JSON the schema accepts: the hostile part can only be text. */
  const acceptedDocuments: [string, string][] = [
    ["script as text", doc(paragraph(text("<script>alert(1)</script>")))],
    [
      "markup in a heading and bold text",
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text('"><svg onload=alert(1)>')] },
        paragraph(text("<img src=x onerror=alert(1)>", [{ type: "bold" }])),
      ),
    ],
    [
      "markup as the text of a safe link",
      doc(
        paragraph(
          text("<style>*{x:y}</style>", [
            { type: "link", attrs: { href: "https://example.org/" } },
          ]),
        ),
      ),
    ],
    [
      "quote characters in a safe link",
      doc(
        paragraph(
          text("x", [
            { type: "link", attrs: { href: 'https://example.org/"onmouseover="alert(1)' } },
          ]),
        ),
      ),
    ],
  ];

  /** Editor JSON that smuggles markup in: refused, so it can never be stored or sent. */
  const refusedDocuments: [string, string][] = [
    [
      "javascript: link",
      doc(paragraph(text("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]))),
    ],
    [
      "data: link",
      doc(
        paragraph(
          text("x", [
            { type: "link", attrs: { href: "data:text/html,<script>alert(1)</script>" } },
          ]),
        ),
      ),
    ],
    ["script node", doc({ type: "script", content: [text("alert(1)")] })],
    ["svg node", doc({ type: "svg", attrs: { onload: "alert(1)" } })],
    ["image node", doc({ type: "image", attrs: { src: "x", onerror: "alert(1)" } })],
    ["style attribute", doc({ type: "paragraph", attrs: { style: "x:expression(alert(1))" } })],
    ["event handler attribute", doc({ type: "paragraph", attrs: { onclick: "alert(1)" } })],
    [
      "link with an event handler",
      doc(
        paragraph(
          text("x", [
            { type: "link", attrs: { href: "https://example.org", onmouseover: "alert(1)" } },
          ]),
        ),
      ),
    ],
    ["raw HTML instead of JSON", "<p onclick=alert(1)>x</p><script>alert(1)</script>"],
  ];

  let threadId: string;
  let reader: Awaited<ReturnType<typeof openJoined>>;
  beforeAll(async () => {
    threadId = await world.freshThread("XSS");
    reader = await openJoined(await world.persona("otherOrgStaff"), threadId);
  });

  async function broadcast(form: FormData): Promise<PostView> {
    const input = parsePostInput(form);
    if (!input.ok) throw new Error(input.message);
    const thread = await world.threadRecordById(threadId);
    const written = await createPost(world.author.user, thread, input);
    await waitFor(
      () => postsIn(reader.events).some((post) => post.id === written.id),
      "Beitrag über den Socket",
    );
    return postsIn(reader.events).find((post) => post.id === written.id)!;
  }

  it.each(hostileTexts)("bodyText %s arrives as harmless text", async (_name, payload) => {
    const form = new FormData();
    form.set("bodyText", payload);
    const received = await broadcast(form);
    expect(unsafeMarkup(received.html!)).toEqual([]);
    expect(readAsBrowser(received.html!)).toEqual({ text: payload, elements: ["p"] });
  });

  it.each(acceptedDocuments)("body JSON with %s arrives sanitized", async (_name, json) => {
    const form = new FormData();
    form.set("body", json);
    const received = await broadcast(form);
    expect(unsafeMarkup(received.html!)).toEqual([]);
    expect(received.html).not.toMatch(/<(script|svg|img|style|iframe)/i);
  });

  it.each(refusedDocuments)(
    "body JSON with %s is refused before anything is sent",
    (_name, json) => {
      const form = new FormData();
      form.set("body", json);
      expect(parsePostInput(form)).toMatchObject({ ok: false });
    },
  );

  it("sends an edit with hostile text sanitized as well", async () => {
    const form = new FormData();
    form.set("bodyText", "harmlos");
    const original = await broadcast(form);
    const thread = await world.threadRecordById(threadId);
    const payload = "<img src=x onerror=alert(document.cookie)>";
    await editPost(original.id, thread, postInputFromText(payload));
    await waitFor(
      () => postsIn(reader.events).filter((post) => post.id === original.id).length === 2,
      "die Änderung",
    );
    const edit = postsIn(reader.events).filter((post) => post.id === original.id)[1]!;
    expect(unsafeMarkup(edit.html!)).toEqual([]);
    expect(readAsBrowser(edit.html!).text).toBe(payload);
  });
});

describe("Nachholen nach Verbindungsabbrüchen", () => {
  /** What the page shows must be exactly the thread as stored: each post once, in order. */
  async function expectExactlyTheThread(page: ThreadPage, threadId: string) {
    const stored = await listPostViews(threadId);
    expect(page.ordered()).toEqual(stored);
    const changes = page.applied.map((change) => `${change.id}@${change.changeSequence}`);
    expect(new Set(changes).size).toBe(changes.length);
  }

  it("brings everything written while the transport was down, exactly once and in order", async () => {
    const threadId = await world.freshThread("Laptop im Ruhezustand");
    const reader = open(await world.persona("otherOrgStaff"));
    const page = followThread(reader, threadId);
    await connected(reader);
    await waitFor(() => page.joinAnswers.length === 1 && page.posts.size === 1, "erster Join");
    const first = await postOf(threadId, world.author, "Vor dem Zuklappen 1");
    const second = await postOf(threadId, world.author, "Vor dem Zuklappen 2");
    await waitFor(() => page.posts.size === 3, "zwei Beiträge live");

    // The laptop sleeps: its connection ends without a goodbye to the server.
    const gone = new Promise((resolve) => reader.once("disconnect", resolve));
    reader.io.engine.close();
    await gone;

    const thread = await world.threadRecordById(threadId);
    for (const text of ["Im Schlaf 1", "Im Schlaf 2", "Im Schlaf 3"])
      await postOf(threadId, world.author, text);
    await editPost(first.id, thread, postInputFromText("Vor dem Zuklappen 1 (korrigiert)"));
    await deletePost(world.author.user, second.id, thread, null);

    reader.connect();
    await waitFor(() => page.joinAnswers.length === 2, "Join nach dem Aufwachen");
    await waitFor(() => page.posts.size === 6, "alle Beiträge");
    // socket.io restored the connection (and replayed what it had buffered); the page's own
    // catch-up brought the same changes again, and the page applied each of them once.
    expect(page.recoveredConnects).toBe(1);
    await pause(100);
    expect(page.texts().slice(1)).toEqual([
      "<p>Vor dem Zuklappen 1 (korrigiert)</p>",
      "(deleted)",
      "<p>Im Schlaf 1</p>",
      "<p>Im Schlaf 2</p>",
      "<p>Im Schlaf 3</p>",
    ]);
    await expectExactlyTheThread(page, threadId);
  });

  it("brings everything after a server restart, when the connection cannot be recovered", async () => {
    const threadId = await world.freshThread("Neustart");
    const first = await startSocketInstance({ streamName: `discussion-restart-a-${process.pid}` });
    let second: SocketInstance | undefined;
    try {
      setRealtimeServer(first.io);
      const reader = openClient(first.url, (await world.persona("otherOrgStaff")).cookie);
      sockets.push(reader);
      const page = followThread(reader, threadId);
      await connected(reader);
      await waitFor(() => page.joinAnswers.length === 1, "erster Join");
      await postOf(threadId, world.author, "Vor dem Neustart");
      await waitFor(() => page.posts.size === 2, "Beitrag live");

      const gone = new Promise((resolve) => reader.once("disconnect", resolve));
      await first.close();
      await gone;
      // While no server runs, posts are stored and nothing is sent.
      setRealtimeServer(undefined);
      for (const text of ["Während des Neustarts 1", "Während des Neustarts 2"])
        await postOf(threadId, world.author, text);

      // Same address, but a fresh stream: the old session is gone, as after a Redis restart.
      second = await startSocketInstance({
        port: first.port,
        streamName: `discussion-restart-b-${process.pid}`,
      });
      setRealtimeServer(second.io);
      reader.connect();
      await waitFor(() => page.joinAnswers.length === 2, "Join nach dem Neustart");
      expect(page.recoveredConnects).toBe(0);
      await postOf(threadId, world.author, "Nach dem Neustart");
      await waitFor(() => page.posts.size === 5, "alle Beiträge");
      expect(page.texts().slice(1)).toEqual([
        "<p>Vor dem Neustart</p>",
        "<p>Während des Neustarts 1</p>",
        "<p>Während des Neustarts 2</p>",
        "<p>Nach dem Neustart</p>",
      ]);
      await expectExactlyTheThread(page, threadId);
      reader.close();
    } finally {
      setRealtimeServer(emitting.io);
      await second?.close();
    }
  });
});

describe("Ratenbegrenzung und Eingabeprüfung", () => {
  it("answers a flood of typing with rate_limited and keeps serving everyone", async () => {
    const threadId = await world.freshThread("Flut");
    const flooder = await openJoined(await world.persona("ownOrgStaff"), threadId);
    const reader = await openJoined(await world.persona("otherOrgStaff"), threadId);

    for (let i = 0; i < 200; i++) flooder.socket.emit("thread:typing", { threadId });
    const errors = () => flooder.events.filter((event) => event.name === "discussion:error");
    // 40 events per 10 s: the join and 39 typing events pass, the other 161 are refused.
    await waitFor(() => errors().length === 161, "161 Fehlermeldungen");
    expect(new Set(errors().map((event) => (event.payload as { code: string }).code))).toEqual(
      new Set(["rate_limited"]),
    );
    await waitFor(
      () => reader.events.filter((event) => event.name === "discussion:typing").length === 39,
      "39 Tipp-Hinweise",
    );
    await pause(100);
    expect(reader.events.filter((event) => event.name === "discussion:typing")).toHaveLength(39);

    // The flooder stays connected but is refused for the rest of the window …
    expect(flooder.socket.connected).toBe(true);
    expect(await join(flooder.socket, threadId)).toEqual({ ok: false, error: "rate_limited" });
    // … and everybody else is served as before.
    expect(await ask(reader.socket, "thread:typing", { threadId })).toEqual({ ok: true });
    const post = await postOf(threadId, world.author, "Trotz der Flut zugestellt");
    await waitFor(
      () => postsIn(reader.events).some((seen) => seen.id === post.id),
      "Beitrag beim Lesenden",
    );
    const latecomer = await openJoined(await world.persona("coordinator"), threadId);
    expect(latecomer.socket.connected).toBe(true);
  });

  it("answers oversized and malformed messages with invalid", async () => {
    const threadId = await world.freshThread("Kaputte Nachrichten");
    const { socket, events } = await openJoined(await world.persona("ownOrgStaff"), threadId);
    const bad: [string, unknown][] = [
      ["thread:join", undefined],
      ["thread:join", null],
      ["thread:join", "kaputt"],
      ["thread:join", 42],
      ["thread:join", [threadId]],
      ["thread:join", {}],
      ["thread:join", { threadId: "nicht-eine-uuid" }],
      ["thread:join", { threadId, afterChange: -1 }],
      ["thread:join", { threadId, afterChange: 1.5 }],
      ["thread:join", { threadId, afterChange: "3" }],
      ["thread:join", { threadId, admin: true }],
      ["thread:join", { threadId, padding: "x".repeat(2_100) }],
      ["thread:join", { threadId: "x".repeat(100_000) }],
      ["thread:typing", { threadId: 7 }],
      ["thread:read", { threadId }],
      ["thread:read", { threadId, sequence: -5 }],
      ["thread:leave", { threadId, also: "this" }],
    ];
    for (const [event, payload] of bad)
      expect(
        await ask(socket, event, payload),
        `${event} ${JSON.stringify(payload)?.slice(0, 60)}`,
      ).toEqual({
        ok: false,
        error: "invalid",
      });
    // With connection state recovery, socket.emit goes through the adapter (to get an offset):
    // with Redis, the error event may arrive after the acknowledgement.
    const invalid = () => events.filter((event) => event.name === "discussion:error");
    await waitFor(() => invalid().length === bad.length, "eine Fehlermeldung je Nachricht");
    for (const error of invalid()) expect(error.payload).toMatchObject({ code: "invalid" });

    // Without an acknowledgement, too: an error event, no crash, the socket still works.
    socket.emit("thread:join", "ohne Rückruf");
    await waitFor(
      () => events.filter((event) => event.name === "discussion:error").length === bad.length + 1,
      "Fehlermeldung ohne Rückruf",
    );
    expect(await ask(socket, "thread:read", { threadId, sequence: 1 })).toEqual({ ok: true });
  });
});

describe("Anwesenheit", () => {
  it("lists who is looking at a thread and forgets one who disconnects", async () => {
    const threadId = await world.freshThread("Anwesenheit");
    const viewersIn = (events: { name: string; payload: unknown }[]) => {
      const latest = events.filter(
        (event) => event.name === "discussion:presence" && aboutThread(threadId)(event),
      );
      const viewers = (latest.at(-1)?.payload as { viewers: { id: string; name: string }[] })
        ?.viewers;
      return (viewers ?? []).map((viewer) => viewer.name).sort();
    };
    const anna = await world.persona("ownOrgStaff");
    const ben = await world.persona("otherOrgStaff");
    const first = await openJoined(anna, threadId);
    await waitFor(() => viewersIn(first.events).length === 1, "Anna sieht sich");
    // Ben on the other server: presence is counted over all instances.
    const second = await openJoined(ben, threadId, emitting);
    const both = [anna.user.name, ben.user.name].sort();
    await waitFor(() => viewersIn(first.events).join() === both.join(), "Anna sieht Ben");
    await waitFor(() => viewersIn(second.events).join() === both.join(), "Ben sieht Anna");
    // A second tab of Anna's does not count twice.
    await openJoined(anna, threadId, emitting);
    await waitFor(
      () => first.events.filter((event) => event.name === "discussion:presence").length >= 3,
      "Anwesenheit nach dem zweiten Tab",
    );
    expect(viewersIn(first.events)).toEqual(both);

    second.socket.close();
    await waitFor(() => viewersIn(first.events).join() === [anna.user.name].join(), "Ben ist weg");
  });
});

describe("Entzug des Zugriffs", () => {
  it("takes an employer out of a thread's room when the channel is closed to employers", async () => {
    const channel = await createChannel(
      world.coordinator.user,
      world.networks.north.id,
      { name: "Betriebe (wird geschlossen)", description: "", employerAccess: "read" },
      null,
    );
    if ("error" in channel) throw new Error(channel.error);
    const access = (await getChannelAccess(channel.id))!;
    const threadId = await startChannelThread(
      world.author.user,
      access,
      "Stellenangebote",
      postInputFromText("Wer sucht Montagehelfer?"),
    );
    const employer = await openJoined(await world.persona("employer"), threadId);
    const staff = await openJoined(await world.persona("otherOrgStaff"), threadId);

    await updateChannel(world.coordinator.user, access, { employerAccess: "none" }, null);

    for (const reader of [employer, staff]) {
      await waitFor(
        () => reader.events.some((event) => event.name === "discussion:rejoin"),
        "Aufforderung, erneut beizutreten",
      );
    }
    // The page joins again, as live-thread.tsx does: the employer is refused, staff are back.
    expect(await join(employer.socket, threadId)).toEqual(notFound);
    expect(await join(staff.socket, threadId)).toMatchObject({ ok: true });

    await postOf(threadId, world.author, "Nur noch für Fachkräfte");
    await waitFor(() => postsIn(staff.events).length === 1, "Beitrag bei der Fachkraft");
    await pause(100);
    expect(postsIn(employer.events)).toEqual([]);
  });
});

describe("Wiederhergestellte Verbindungen", () => {
  it("get no thread room back and no thread post replayed before they join again", async () => {
    const threadId = await world.freshThread("Wiederherstellung ohne Raum");
    const reader = open(await world.persona("otherOrgStaff"));
    await connected(reader);
    const events = recordEvents(reader);
    expect(await join(reader, threadId)).toMatchObject({ ok: true });
    // A connection can be recovered once it has received a broadcast (it carries the offset).
    await waitFor(
      () => events.some((event) => event.name === "discussion:presence"),
      "Anwesenheit empfangen",
    );

    const gone = new Promise((resolve) => reader.once("disconnect", resolve));
    reader.io.engine.close();
    await gone;
    await postOf(threadId, world.author, "Während der Unterbrechung");
    const recovered = new Promise<void>((resolve) => reader.once("connect", () => resolve()));
    reader.connect();
    await recovered;
    expect(reader.recovered).toBe(true);
    await pause(200);
    // Only a new thread:join (with its permission check) brings the post, from the database.
    expect(postsIn(events)).toEqual([]);
    const answer = (await join(reader, threadId, 0)) as { ok: boolean; changes: PostView[] };
    expect(answer.changes.map((post) => post.html)).toContain("<p>Während der Unterbrechung</p>");
  });

  it("audit every live read of a referral's thread", async () => {
    const reader = open(await world.persona("otherOrgStaff"));
    await connected(reader);
    const before = await referralReads();
    expect(await join(reader, world.threadIds.referral)).toMatchObject({ ok: true });
    expect(await referralReads()).toBe(before + 1);
  });
});

async function referralReads(): Promise<number> {
  const rows = await getDb()
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(eq(auditLog.action, "discussion.referral_thread_viewed"));
  return rows.length;
}
