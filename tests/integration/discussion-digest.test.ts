import { desc } from "drizzle-orm";
import type { Server } from "socket.io";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { mailOutbox } from "~/db/schema";
import { getThreadRecord } from "~/discussions/access.server";
import { createChannel } from "~/discussions/channels.server";
import { createPost, startChannelThread } from "~/discussions/posts.server";
import { pendingDigestNotices, sendDueDigests } from "~/notifications/digest.server";
import { setRealtimeServer } from "~/realtime/hub.server";
import { parseRichTextJson } from "~/rich-text/schema";
import {
  admitToNetwork,
  createNetwork,
  createOrganization,
  createUser,
} from "~/demo/factories.server";

/**
 * Mentions and replies reach someone without an open page by one e-mail digest (by default the
 * daily one, see ~/notifications/kinds): sent once, naming who wrote in which thread, with a
 * link, and never containing what was written.
 */

/** A day later: the next daily digest time has passed. */
const nextDay = () => new Date(Date.now() + 24 * 60 * 60 * 1000);

async function scene() {
  const network = await createNetwork();
  const jobcenter = await createOrganization({ kind: "jobcenter" });
  const youthOffice = await createOrganization({ kind: "jugendamt" });
  await admitToNetwork(network.id, jobcenter.id);
  await admitToNetwork(network.id, youthOffice.id);
  const asker = await createUser({
    organizationId: youthOffice.id,
    name: "Nadine Krause",
    role: "staff",
  });
  const answerer = await createUser({
    organizationId: jobcenter.id,
    name: "Thomas Brandt",
    role: "staff",
  });
  const channel = await createChannel(
    answerer,
    network.id,
    { name: "U25", description: "", employerAccess: "none" },
    null,
  );
  if ("error" in channel) throw new Error(channel.error);
  const access = {
    id: channel.id,
    networkId: network.id,
    employerAccess: "none",
    archived: false,
  } as const;
  const question = parseRichTextJson(
    JSON.stringify({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Wer kennt aufsuchende Arbeit?" }] },
      ],
    }),
  );
  if (!question.ok) throw new Error(question.message);
  const threadId = await startChannelThread(
    { ...asker, name: "Nadine Krause" },
    access,
    "Aufsuchendes Fallmanagement",
    { document: question.doc },
  );
  return { asker, answerer, threadId };
}

const secretText = "Herr M. hat am Dienstag 2.400 Euro Schulden erwähnt";

function answerMentioning(userId: string) {
  const parsed = parseRichTextJson(
    JSON.stringify({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "mention", attrs: { id: userId, label: "Nadine" } },
            { type: "text", text: ` ${secretText}` },
          ],
        },
      ],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.message);
  return { document: parsed.doc };
}

async function latestMails(count: number) {
  return getDb().select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(count);
}

afterEach(() => setRealtimeServer(undefined));

describe("discussion e-mail digest", () => {
  it("collects a mention for someone offline and mails it once, without the post's text", async () => {
    const { asker, answerer, threadId } = await scene();
    const thread = await getThreadRecord(threadId);
    await createPost({ ...answerer, name: "Thomas Brandt" }, thread!, answerMentioning(asker.id));

    // The mention (which also answers her thread) is one item, not two.
    const pending = (await pendingDigestNotices()).filter((item) => item.userId === asker.id);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.message).toContain("Thomas Brandt");

    expect(await sendDueDigests(nextDay())).toBe(1);
    const [mail] = await latestMails(1);
    expect(mail!.recipient).toBe(asker.email);
    expect(mail!.body).toContain("Aufsuchendes Fallmanagement");
    expect(mail!.body).toContain(`/diskussionen/thema/${threadId}`);
    expect(mail!.body).not.toContain("Schulden");
    expect(mail!.body).not.toContain("2.400");

    // A second run has nothing left to send.
    expect(await sendDueDigests(nextDay())).toBe(0);
  });

  it("sends nothing by mail to someone who has a page open: the live notification reached them", async () => {
    const { asker, answerer, threadId } = await scene();
    // A stand-in for socket.io in which the asker has a socket in her user room.
    const online = new Set([`user:${asker.id}`]);
    setRealtimeServer({
      to: () => ({ emit: () => true }),
      in: (room: string) => ({
        timeout: () => ({ fetchSockets: async () => (online.has(room) ? [{}] : []) }),
      }),
    } as unknown as Server);
    const thread = await getThreadRecord(threadId);
    await createPost({ ...answerer, name: "Thomas Brandt" }, thread!, answerMentioning(asker.id));
    expect((await pendingDigestNotices()).filter((item) => item.userId === asker.id)).toEqual([]);
    expect(await sendDueDigests(nextDay())).toBe(0);
  });
});
