import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { and, desc, eq, inArray } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import * as settingsPage from "~/routes/_app.konto.benachrichtigungen";
import * as unsubscribePage from "~/routes/benachrichtigungen.abbestellen.$token";
import { getDb } from "~/db/client.server";
import {
  auditLog,
  digestSettings,
  mailOutbox,
  notificationPreferences,
  notifications,
  users,
} from "~/db/schema";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import {
  notificationDeliveries,
  notificationKinds,
  type NotificationDelivery,
  type NotificationKind,
} from "~/db/vocabularies";
import {
  createLoginCookie,
  createNetwork,
  createOrganization,
  createUser,
} from "~/demo/factories.server";
import { createReferral, createService } from "~/demo/referral-factories.server";
import { listOutbox, mailText, mailWorker, resetMailTransport } from "~/mail/mail.server";
import { latestDigestSlot, sendDueDigests } from "~/notifications/digest.server";
import { defaultDeliveries } from "~/notifications/kinds";
import { notifyUsers } from "~/notifications/notifications.server";
import { notificationKindLabels } from "~/notifications/texts";
import { unsubscribeToken } from "~/notifications/unsubscribe.server";
import { callRoute, expectRejected } from "#tests/helpers/routes";
import { admittedOrganization } from "#tests/integration/referral-steps";

/**
 * Each person decides per kind of notice whether it shows only in the portal, comes by mail at
 * once, waits for the digest or does not come at all; every notice mail can be unsubscribed
 * with one click.
 */

/** A real SMTP peer on loopback, for the headers the mail program reads. */
function startSmtp() {
  const delivered: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        delivered.push({
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  return {
    delivered,
    ready: once(server.server, "listening").then(
      () => (server.server.address() as AddressInfo).port,
    ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: ReturnType<typeof startSmtp>;

beforeAll(async () => {
  smtp = startSmtp();
  // Read once by getEnv(): set before anything in this file asks for the environment.
  process.env.SMTP_URL = `smtp://127.0.0.1:${await smtp.ready}`;
  process.env.MAIL_FROM = "portal@netzwerk-abc.example.org";
  resetMailTransport();
});

afterAll(async () => {
  await smtp.close();
});

const HOUR = 60 * 60 * 1000;

async function person(role: "staff" | "org_admin" = "staff", organizationId?: string) {
  const organization = organizationId ?? (await createOrganization({ kind: "jobcenter" })).id;
  return createUser({ organizationId: organization, role });
}

async function choose(
  userId: string,
  choices: Partial<Record<NotificationKind, NotificationDelivery>>,
) {
  for (const [kind, delivery] of Object.entries(choices)) {
    await getDb()
      .insert(notificationPreferences)
      .values({ userId, kind: kind as NotificationKind, delivery: delivery! })
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { delivery: delivery! },
      });
  }
}

function notify(userIds: string[], kind: NotificationKind, message = "Neues im Netzwerk Nord") {
  return inUnitOfWork((unit) => notifyUsers(unit, userIds, message, "/netzwerk", { kind }));
}

function noticesOf(userId: string) {
  return getDb().select().from(notifications).where(eq(notifications.userId, userId));
}

function mailsTo(email: string) {
  return getDb()
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.recipient, email))
    .orderBy(desc(mailOutbox.createdAt));
}

/** Puts a person's waiting notices at a moment of the test's choosing. */
async function createdAt(userId: string, at: Date) {
  await getDb()
    .update(notifications)
    .set({ createdAt: at })
    .where(eq(notifications.userId, userId));
}

/** The digest mails to one person that a run at `now` queued. */
async function digestRun(email: string, now: Date) {
  const before = (await mailsTo(email)).length;
  await sendDueDigests(now);
  return (await mailsTo(email)).slice(0, (await mailsTo(email)).length - before);
}

describe("each kind and each choice reach exactly the chosen channels", () => {
  const cases = notificationKinds.flatMap((kind) =>
    notificationDeliveries.map((delivery) => ({ kind, delivery })),
  );

  it.each(cases)("$kind: $delivery", async ({ kind, delivery }) => {
    const user = await person();
    await choose(user.id, { [kind]: delivery });
    await notify([user.id], kind, `Nachricht ${kind}`);

    const notices = await noticesOf(user.id);
    expect(notices.map((notice) => notice.kind)).toEqual(delivery === "off" ? [] : [kind]);

    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(delivery === "email" ? 1 : 0);
    if (delivery === "email") {
      expect(mails[0]!.subject).toBe(`Nachricht ${kind}`);
      expect(mails[0]!.unsubscribeUrl).toMatch(
        /\/benachrichtigungen\/abbestellen\/[\w-]+\.[\w-]+$/,
      );
    }

    const digest = await digestRun(user.email, new Date(Date.now() + 24 * HOUR));
    expect(digest).toHaveLength(delivery === "digest" ? 1 : 0);
    if (delivery === "digest") expect(digest[0]!.body).toContain(`Nachricht ${kind}`);
  });

  it("without a choice, each kind goes where it went before people could choose", async () => {
    const user = await person();
    for (const kind of notificationKinds) await notify([user.id], kind, `Voreinstellung ${kind}`);
    const mailed = (await mailsTo(user.email)).map((mail) => mail.subject).sort();
    expect(mailed).toEqual(
      notificationKinds
        .filter((kind) => defaultDeliveries[kind] === "email")
        .map((kind) => `Voreinstellung ${kind}`)
        .sort(),
    );
    expect(defaultDeliveries).toMatchObject({
      referral_received: "email",
      referral_status: "email",
      event_update: "email",
      course_outcome: "email",
      network_change: "portal",
      mention: "digest",
      thread_reply: "digest",
    });
    expect((await noticesOf(user.id)).length).toBe(notificationKinds.length);
  });

  it("mails nobody whose account was deactivated, though the notice is stored", async () => {
    const user = await person();
    await getDb().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, user.id));
    await notify([user.id], "referral_status");
    expect(await mailsTo(user.email)).toEqual([]);
  });
});

describe("the arrival of a referral cannot be switched off for a whole organisation", () => {
  async function receivingOrganization(withAdmin: boolean) {
    const network = await createNetwork();
    const sender = await admittedOrganization(network.id, { kind: "jobcenter" });
    const receiver = await admittedOrganization(network.id, { kind: "schuldnerberatung" });
    const caseWorker = await createUser({ organizationId: sender.id });
    const staff = [await person("staff", receiver.id), await person("staff", receiver.id)];
    const admin = withAdmin ? await person("org_admin", receiver.id) : null;
    const service = await createService({ organizationId: receiver.id });
    const refer = () =>
      createReferral({
        sender: caseWorker,
        serviceId: service.id,
        receiverOrganizationId: receiver.id,
      });
    return { staff, admin, refer, everyone: [...staff, ...(admin ? [admin] : [])] };
  }

  const arrivals = (userIds: string[]) =>
    getDb()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(
        and(inArray(notifications.userId, userIds), eq(notifications.kind, "referral_received")),
      );

  it("tells the admins in the portal when every member switched it off", async () => {
    const { staff, admin, refer, everyone } = await receivingOrganization(true);
    for (const member of everyone) await choose(member.id, { referral_received: "off" });
    await refer();
    expect((await arrivals(everyone.map((member) => member.id))).map((row) => row.userId)).toEqual([
      admin!.id,
    ]);
    // Only the portal notice: they chose no mail.
    for (const member of everyone) expect(await mailsTo(member.email)).toEqual([]);
    expect(await arrivals(staff.map((member) => member.id))).toEqual([]);
  });

  it("tells every member in the portal when the organisation has no admin", async () => {
    const { staff, refer } = await receivingOrganization(false);
    for (const member of staff) await choose(member.id, { referral_received: "off" });
    await refer();
    expect(
      (await arrivals(staff.map((member) => member.id))).map((row) => row.userId).sort(),
    ).toEqual(staff.map((member) => member.id).sort());
  });

  it("leaves the others alone as long as one member still hears of it", async () => {
    const { staff, admin, refer } = await receivingOrganization(true);
    await choose(staff[0]!.id, { referral_received: "off" });
    await choose(admin!.id, { referral_received: "off" });
    await refer();
    const told = await arrivals([staff[0]!.id, staff[1]!.id, admin!.id]);
    expect(told.map((row) => row.userId)).toEqual([staff[1]!.id]);
    expect(await mailsTo(staff[1]!.email)).toHaveLength(1);
  });
});

describe("the digest", () => {
  // Tuesday, 10 March 2026: Berlin is UTC+1.
  const at = (iso: string) => new Date(iso);

  it("goes out once per day at the chosen hour, grouping every kind in it", async () => {
    const user = await person();
    await choose(user.id, { mention: "digest", event_update: "digest", network_change: "digest" });
    await getDb().insert(digestSettings).values({ userId: user.id, frequency: "daily", hour: 9 });
    await notify([user.id], "mention", "Thomas Brandt hat Sie im Thema „U25“ erwähnt");
    await notify([user.id], "event_update", "Die Veranstaltung „Fachtag“ wurde abgesagt");
    await notify([user.id], "network_change", "Ihre Organisation wurde aufgenommen");
    await createdAt(user.id, at("2026-03-10T06:00:00Z"));

    // 08:30 in Berlin: before the chosen hour.
    expect(await digestRun(user.email, at("2026-03-10T07:30:00Z"))).toEqual([]);
    // 09:05 in Berlin: one mail with all three, under their kinds' names.
    const [digest] = await digestRun(user.email, at("2026-03-10T08:05:00Z"));
    expect(digest!.subject).toBe("Ihre Zusammenfassung: 3 Nachrichten aus dem Portal");
    for (const kind of ["mention", "event_update", "network_change"] as const) {
      expect(digest!.body).toContain(notificationKindLabels[kind]);
    }
    expect(digest!.body).toContain(
      "Thomas Brandt hat Sie im Thema „U25“ erwähnt: http://localhost",
    );
    expect(digest!.body.indexOf(notificationKindLabels.mention)).toBeLessThan(
      digest!.body.indexOf(notificationKindLabels.event_update),
    );
    expect(digest!.unsubscribeUrl).toMatch(/\/benachrichtigungen\/abbestellen\//);
    // The same period again: nothing more.
    expect(await digestRun(user.email, at("2026-03-10T08:30:00Z"))).toEqual([]);

    // A notice after the digest waits for the next day's hour, also when two runs meet.
    const later = "Nadine Krause hat Sie im Thema „Sprachkurse“ erwähnt";
    await notify([user.id], "mention", later);
    await getDb()
      .update(notifications)
      .set({ createdAt: at("2026-03-10T09:00:00Z") })
      .where(eq(notifications.message, later));
    const evening = at("2026-03-10T20:00:00Z");
    await Promise.all([sendDueDigests(evening), sendDueDigests(evening)]);
    expect(await mailsTo(user.email)).toHaveLength(1);
    const nextMorning = at("2026-03-11T08:10:00Z");
    await Promise.all([sendDueDigests(nextMorning), sendDueDigests(nextMorning)]);
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toBe("Ihre Zusammenfassung: eine Nachricht aus dem Portal");
    expect(mails[0]!.body).toContain("Sprachkurse");
    expect(mails[0]!.body).not.toContain("Fachtag");
  });

  it("weekly goes out on Monday at the chosen hour", async () => {
    const user = await person();
    await choose(user.id, { course_outcome: "digest" });
    await getDb().insert(digestSettings).values({ userId: user.id, frequency: "weekly", hour: 7 });
    await notify([user.id], "course_outcome", "Die Maßnahme „Deutsch B2“ kommt zustande");
    await createdAt(user.id, at("2026-03-10T10:00:00Z"));
    // Wednesday and Sunday: not yet.
    expect(await digestRun(user.email, at("2026-03-11T07:00:00Z"))).toEqual([]);
    expect(await digestRun(user.email, at("2026-03-15T20:00:00Z"))).toEqual([]);
    // Monday 16 March, 06:30 in Berlin: not yet; 07:10: now.
    expect(await digestRun(user.email, at("2026-03-16T05:30:00Z"))).toEqual([]);
    expect(await digestRun(user.email, at("2026-03-16T06:10:00Z"))).toHaveLength(1);
  });

  it("carries no client data of the referrals it reports", async () => {
    const network = await createNetwork();
    const sender = await admittedOrganization(network.id, { kind: "jobcenter" });
    const receiver = await admittedOrganization(network.id, { kind: "suchtberatung" });
    const caseWorker = await createUser({ organizationId: sender.id });
    const counsellor = await person("staff", receiver.id);
    await choose(counsellor.id, { referral_received: "digest" });
    const service = await createService({ organizationId: receiver.id });
    const pseudonym = "Kundin Sonnenblume";
    const reason = "Spielschulden seit dem Umzug; ein Mahnbescheid liegt vor.";
    await createReferral({
      sender: caseWorker,
      serviceId: service.id,
      receiverOrganizationId: receiver.id,
      fields: { pseudonym, reason },
    });
    const [digest] = await digestRun(counsellor.email, new Date(Date.now() + 24 * HOUR));
    expect(digest!.body).toContain(`Neue Übergabe von ${sender.name}`);
    expect(digest!.body).toContain("/uebergaben/");
    for (const secret of [pseudonym, reason, "Spielschulden"]) {
      expect(`${digest!.subject}\n${digest!.body}`).not.toContain(secret);
    }
  });

  it("starts a kind newly put into the digest with what arrives from then on", async () => {
    const user = await person();
    await notify([user.id], "network_change", "Alte Nachricht aus dem Portal");
    const cookie = (await createLoginCookie(user.id)).cookie;
    const response = await callRoute(settingsPage.action, "/konto/benachrichtigungen", {
      cookie,
      form: { ...settingsForm(), "deliveries.network_change": "digest" },
    });
    expect(response.status).toBe(302);
    await notify([user.id], "network_change", "Neue Nachricht für die Zusammenfassung");
    const [digest] = await digestRun(user.email, new Date(Date.now() + 24 * HOUR));
    expect(digest!.body).toContain("Neue Nachricht für die Zusammenfassung");
    expect(digest!.body).not.toContain("Alte Nachricht");
  });

  it("moves the hour that does not exist on the day summer time starts to 03:00", () => {
    // Sunday 29 March 2026: 02:00 in Berlin is skipped; 03:00 CEST is 01:00 UTC.
    expect(latestDigestSlot(at("2026-03-29T05:00:00Z"), "daily", 2)).toEqual(
      at("2026-03-29T01:00:00Z"),
    );
    // In summer 07:00 in Berlin is 05:00 UTC.
    expect(latestDigestSlot(at("2026-07-01T04:59:00Z"), "daily", 7)).toEqual(
      at("2026-06-30T05:00:00Z"),
    );
  });
});

/** Every kind at its default, daily at 07:00: the settings form as the page sends it. */
function settingsForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...Object.fromEntries(
      notificationKinds.map((kind) => [`deliveries.${kind}`, defaultDeliveries[kind]]),
    ),
    frequency: "daily",
    hour: "7",
    ...overrides,
  };
}

describe("the settings page", () => {
  it("saves every choice and the digest time in one form, audited", async () => {
    const user = await person();
    const cookie = (await createLoginCookie(user.id)).cookie;
    const response = await callRoute(settingsPage.action, "/konto/benachrichtigungen", {
      cookie,
      form: settingsForm({
        "deliveries.mention": "email",
        "deliveries.event_update": "off",
        frequency: "weekly",
        hour: "16",
      }),
    });
    expect(response.status).toBe(302);
    const page = await callRoute(settingsPage.loader, "/konto/benachrichtigungen", { cookie });
    const { settings } = (await page.json()) as {
      settings: { deliveries: Record<string, string>; frequency: string; hour: number };
    };
    expect(settings).toMatchObject({ frequency: "weekly", hour: 16 });
    expect(settings.deliveries).toMatchObject({
      mention: "email",
      event_update: "off",
      referral_received: "email",
    });
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "notification.settings_changed"),
          eq(auditLog.actorUserId, user.id),
        ),
      );
    expect(entry!.details).toMatchObject({ mention: "email", event_update: "off", digestHour: 16 });
  });

  it("refuses an unknown choice and an impossible hour in German, keeping what was chosen", async () => {
    const user = await person();
    const cookie = (await createLoginCookie(user.id)).cookie;
    const response = await callRoute(settingsPage.action, "/konto/benachrichtigungen", {
      cookie,
      form: settingsForm({ "deliveries.mention": "fax", hour: "25", frequency: "weekly" }),
    });
    await expectRejected(response, {
      values: expect.objectContaining({ frequency: "weekly", hour: "25" }),
      errors: {
        "deliveries.mention": "Bitte wählen Sie, wie Sie davon erfahren möchten.",
        hour: "Bitte wählen Sie eine volle Stunde zwischen 0 und 23 Uhr.",
      },
    });
    expect(
      await getDb()
        .select()
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, user.id)),
    ).toEqual([]);
  });
});

describe("one-click unsubscribe", () => {
  async function mailedPerson(kind: NotificationKind = "event_update") {
    const user = await person();
    await notify([user.id], kind, "Die Veranstaltung „Fachtag“ wurde verschoben");
    const [mail] = await mailsTo(user.email);
    const token = mail!.unsubscribeUrl!.split("/").pop()!;
    return { user, mail: mail!, token, path: `/benachrichtigungen/abbestellen/${token}` };
  }

  it("ends every notice mail with the settings link and the unsubscribe link", async () => {
    const { mail } = await mailedPerson();
    const text = mailText(mail);
    expect(text.startsWith(mail.body)).toBe(true);
    expect(text).toContain("http://localhost:");
    expect(text).toContain("/konto/benachrichtigungen");
    expect(text).toContain(mail.unsubscribeUrl!);
  });

  it("asks on GET without changing anything, and stops the kind's mails on the POST without login", async () => {
    const { user, token, path } = await mailedPerson();
    const asked = await callRoute(unsubscribePage.loader, path, { params: { token } });
    expect(asked.status).toBe(200);
    expect(await asked.json()).toEqual({ scope: "event_update" });
    expect(
      await getDb()
        .select()
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, user.id)),
    ).toEqual([]);

    // What a mail program sends (RFC 8058), with no cookie.
    const done = await callRoute(unsubscribePage.action, path, {
      params: { token },
      form: { "List-Unsubscribe": "One-Click" },
    });
    expect(done.status).toBe(200);
    const rows = await getDb()
      .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, user.id));
    expect(rows).toEqual([{ kind: "event_update", delivery: "portal" }]);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "notification.unsubscribed"), eq(auditLog.targetId, user.id)));
    expect(entry).toMatchObject({
      actorUserId: null,
      details: { scope: "event_update", kinds: "event_update" },
    });

    // From now on the portal only.
    await notify([user.id], "event_update", "Die Veranstaltung „Fachtag“ wurde abgesagt");
    expect(await mailsTo(user.email)).toHaveLength(1);
    expect(await noticesOf(user.id)).toHaveLength(2);
  });

  it("refuses a forged token and a token changed to name another person or kind", async () => {
    const { user, token } = await mailedPerson();
    const other = await person();
    const [payload, signature] = token.split(".");
    const forged = [
      `${payload}.${signature!.slice(0, -2)}AA`,
      `${Buffer.from(`${other.id}.event_update`).toString("base64url")}.${signature}`,
      `${Buffer.from(`${user.id}.referral_received`).toString("base64url")}.${signature}`,
      "kein-token",
    ];
    for (const bad of forged) {
      const path = `/benachrichtigungen/abbestellen/${bad}`;
      expect(
        (await callRoute(unsubscribePage.loader, path, { params: { token: bad } })).status,
      ).toBe(404);
      const post = await callRoute(unsubscribePage.action, path, {
        params: { token: bad },
        form: { "List-Unsubscribe": "One-Click" },
      });
      expect(post.status).toBe(404);
    }
    expect(
      await getDb()
        .select()
        .from(notificationPreferences)
        .where(inArray(notificationPreferences.userId, [user.id, other.id])),
    ).toEqual([]);
    // A token signed for the other person works for them only.
    const theirs = await inUnitOfWork(({ tx }) => unsubscribeToken(tx, other.id, "mention"));
    expect(theirs).not.toBe(token);
  });

  it("takes the digest's kinds out of the mail with the digest's link", async () => {
    const user = await person();
    await choose(user.id, { event_update: "digest", referral_status: "email" });
    await notify([user.id], "mention", "Thomas Brandt hat Sie im Thema „U25“ erwähnt");
    const [digest] = await digestRun(user.email, new Date(Date.now() + 24 * HOUR));
    const token = digest!.unsubscribeUrl!.split("/").pop()!;
    const response = await callRoute(
      unsubscribePage.action,
      `/benachrichtigungen/abbestellen/${token}`,
      {
        params: { token },
        form: { "List-Unsubscribe": "One-Click" },
      },
    );
    expect(response.status).toBe(200);
    const rows = await getDb()
      .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, user.id));
    expect(Object.fromEntries(rows.map((row) => [row.kind, row.delivery]))).toEqual({
      event_update: "portal",
      mention: "portal",
      thread_reply: "portal",
      referral_status: "email",
    });
  });

  it("shows the link in the Postausgang only to its recipient", async () => {
    const actor = await person();
    const recipient = await person();
    await inUnitOfWork((unit) =>
      notifyUsers(unit, [recipient.id], "Übergabe an Beratung: Angenommen", "/uebergaben", {
        kind: "referral_status",
        triggeredByUserId: actor.id,
      }),
    );
    const [mail] = await mailsTo(recipient.email);
    const [asActor] = (await listOutbox(actor, false)).filter((row) => row.id === mail!.id);
    expect(asActor!.body).toContain("/konto/benachrichtigungen");
    expect(asActor!.body).not.toContain(mail!.unsubscribeUrl!);
    const [asRecipient] = (await listOutbox(recipient, true)).filter((row) => row.id === mail!.id);
    expect(asRecipient!.body).toContain(mail!.unsubscribeUrl!);
  });

  it("sends the List-Unsubscribe headers of RFC 8058 with every notice mail", async () => {
    const { user, mail } = await mailedPerson("referral_status");
    // Every mail of this file so far, oldest first, until the outbox is empty.
    await mailWorker.drain();
    const delivered = smtp.delivered.find((sent) => sent.to.includes(user.email));
    expect(delivered).toBeDefined();
    const headers = delivered!.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
    expect(headers).toContain(`List-Unsubscribe: <${mail.unsubscribeUrl}>`);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const body = delivered!.raw
      .slice(delivered!.raw.search(/\r?\n\r?\n/))
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    expect(body).toContain("/konto/benachrichtigungen");
    expect(body).toContain("/benachrichtigungen/abbestellen/");
  });
});
