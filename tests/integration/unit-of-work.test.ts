import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import * as members from "~/routes/_app.organisation_.mitglieder";
import * as network from "~/routes/_app.netzwerke.$networkId";
import * as outboxPage from "~/routes/_app.postausgang";
import { getDb } from "~/db/client.server";
import { auditLog, mailOutbox, organizations, services } from "~/db/schema";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { createService } from "~/directory/services.server";
import {
  drainMailOutbox,
  MAX_MAIL_ATTEMPTS,
  queueMail,
  resetMailTransport,
} from "~/mail/mail.server";
import { createLoginCookie, createOrganization, createUser } from "~/demo/factories.server";
import { callRoute } from "#tests/helpers/routes";
import { buildWorld, type World } from "#tests/helpers/world";

/** A real SMTP peer on loopback, started and stopped by the tests. */
interface Delivered {
  from: string;
  to: string[];
  raw: string;
}

function startSmtp(port = 0) {
  const delivered: Delivered[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        delivered.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  server.listen(port, "127.0.0.1");
  return {
    delivered,
    ready: once(server.server, "listening").then(
      () => (server.server.address() as AddressInfo).port,
    ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of a quoted-printable body, as a mail program shows it. */
function decodeQuotedPrintable(raw: string): string {
  const bytes = raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

let smtp: ReturnType<typeof startSmtp>;
let smtpPort: number;
let world: World;

beforeAll(async () => {
  smtp = startSmtp();
  smtpPort = await smtp.ready;
  // Read once by getEnv(): set before anything in this file asks for the environment.
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.MAIL_FROM = "portal@netzwerk-abc.example.org";
  resetMailTransport();
  world = await buildWorld();
});

afterAll(async () => {
  await smtp.close();
});

async function adminCookie() {
  const organization = await createOrganization({
    name: "Suchtberatung Mailstadt",
    kind: "suchtberatung",
  });
  const admin = await createUser({ organizationId: organization.id, role: "org_admin" });
  return { organization, admin, cookie: (await createLoginCookie(admin.id)).cookie };
}

function invite(cookie: string, email: string) {
  return callRoute(members.action, "/organisation/mitglieder", {
    cookie,
    form: { intent: "invite", email, role: "staff" },
  });
}

async function mailTo(recipient: string) {
  const [mail] = await getDb()
    .select({
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      nextAttemptAt: mailOutbox.nextAttemptAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.recipient, recipient));
  return mail;
}

describe("mails through the outbox and a real SMTP server", () => {
  it("sends an invitation with the configured sender, the German text and the link", async () => {
    const { cookie, organization } = await adminCookie();
    expect((await invite(cookie, "neue.fachkraft@example.org")).status).toBe(302);
    // The request only queued it: nothing has reached the SMTP server yet.
    expect(smtp.delivered.filter((mail) => mail.to.includes("neue.fachkraft@example.org"))).toEqual(
      [],
    );
    expect(await drainMailOutbox()).toBeGreaterThan(0);

    const [delivered] = smtp.delivered.filter((mail) =>
      mail.to.includes("neue.fachkraft@example.org"),
    );
    expect(delivered?.from).toBe("portal@netzwerk-abc.example.org");
    expect(delivered?.raw).toMatch(/^From: portal@netzwerk-abc\.example\.org/m);
    expect(delivered?.raw).toMatch(/^To: neue\.fachkraft@example\.org/m);
    expect(delivered?.raw).toContain(
      `Subject: Einladung in das Netzwerke-ABC-Portal (${organization.name})`,
    );
    expect(delivered?.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    const body = decodeQuotedPrintable(delivered!.raw);
    expect(body).toContain("lädt Sie ein");
    expect(body).toMatch(/http:\/\/localhost:\d+\/einladung\/[a-z2-7]+/);
    expect((await mailTo("neue.fachkraft@example.org"))?.status).toBe("sent");
  });

  it("keeps the request working while the SMTP server is down and delivers once it is back", async () => {
    const { cookie, admin } = await adminCookie();
    await smtp.close();
    // The person inviting sees no difference: the mail waits in the outbox.
    expect((await invite(cookie, "waehrend-ausfall@example.org")).status).toBe(302);
    await drainMailOutbox();
    const waiting = await mailTo("waehrend-ausfall@example.org");
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting?.lastError).toMatch(/ECONNREFUSED|connect/i);

    // The Postausgang tells the inviter that the mail waits and why.
    const page = await callRoute(outboxPage.loader, "/postausgang", {
      cookie: (await createLoginCookie(admin.id)).cookie,
    });
    const listed = (await page.json()) as { mails: { recipient: string; status: string }[] };
    expect(
      listed.mails.find((mail) => mail.recipient === "waehrend-ausfall@example.org"),
    ).toMatchObject({ status: "pending" });

    smtp = startSmtp(smtpPort);
    await smtp.ready;
    // Before its retry time nothing happens; after it, the mail goes out.
    await drainMailOutbox(new Date());
    expect(smtp.delivered).toEqual([]);
    await drainMailOutbox(new Date(waiting!.nextAttemptAt.getTime() + 1));
    expect(smtp.delivered.map((mail) => mail.to).flat()).toContain("waehrend-ausfall@example.org");
    expect((await mailTo("waehrend-ausfall@example.org"))?.status).toBe("sent");
  });

  it("gives up after the last attempt and shows the reason", async () => {
    await inUnitOfWork((unit) =>
      queueMail(unit, {
        to: "kein-postfach@example.org",
        subject: "Test",
        body: "Test",
        triggeredByUserId: null,
      }),
    );
    // A mail server that refuses the recipient every time.
    await getDb()
      .update(mailOutbox)
      .set({ attempts: MAX_MAIL_ATTEMPTS - 1, recipient: "kein postfach" })
      .where(eq(mailOutbox.recipient, "kein-postfach@example.org"));
    await drainMailOutbox();
    const [failed] = await getDb()
      .select({ status: mailOutbox.status, lastError: mailOutbox.lastError })
      .from(mailOutbox)
      .where(eq(mailOutbox.recipient, "kein postfach"));
    expect(failed?.status).toBe("failed");
    expect(failed?.lastError).toBeTruthy();
  });

  it("sends nothing for a change that was rolled back", async () => {
    await expect(
      inUnitOfWork(async (unit) => {
        await queueMail(unit, {
          to: "zurueckgerollt@example.org",
          subject: "Sollte nie ankommen",
          body: "-",
          triggeredByUserId: null,
        });
        throw new Error("Änderung scheitert");
      }),
    ).rejects.toThrow("Änderung scheitert");
    await drainMailOutbox();
    expect(await mailTo("zurueckgerollt@example.org")).toBeUndefined();
    expect(smtp.delivered.flatMap((mail) => mail.to)).not.toContain("zurueckgerollt@example.org");
  });
});

describe("one unit of work", () => {
  it("rolls the change back when its audit entry cannot be written", async () => {
    // This test file's own database: an audit insert that fails, as a full disk would.
    await getDb().execute(sql`
      create function refuse_service_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit insert refused'; end $$`);
    await getDb().execute(sql`
      create trigger refuse_service_audit before insert on audit_log for each row
      when (new.action = 'service.created') execute function refuse_service_audit()`);
    try {
      const actor = world.users.orgAdmin;
      await expect(
        createService(
          actor,
          {
            name: "Nie gespeichertes Angebot",
            category: "schuldnerberatung",
            description: "",
            targetGroups: [],
            languages: [],
            acceptsReferrals: true,
            responseWorkingDays: 5,
          },
          null,
        ),
      ).rejects.toThrow();
      const stored = await getDb()
        .select({ id: services.id })
        .from(services)
        .where(eq(services.name, "Nie gespeichertes Angebot"));
      expect(stored).toEqual([]);
    } finally {
      await getDb().execute(sql`drop trigger refuse_service_audit on audit_log`);
    }
  });

  it("creates, admits and invites a new organisation together or not at all", async () => {
    const networkId = world.networks.north.id;
    const form = {
      intent: "create",
      name: "Arbeitgeber ohne Admin GmbH",
      kind: "arbeitgeber",
      city: "Apolda",
      adminEmail: "admin@arbeitgeber-ohne-admin.example.org",
    };
    const before = await getDb().select({ id: auditLog.id }).from(auditLog);
    // The invitation step fails (as a broken disk would make it): nothing of the rest may remain.
    await getDb().execute(sql`
      create function refuse_invitation() returns trigger language plpgsql as $$
      begin raise exception 'invitation refused'; end $$`);
    await getDb().execute(sql`
      create trigger refuse_invitation before insert on invitations for each row
      execute function refuse_invitation()`);
    try {
      await expect(
        callRoute(network.action, `/netzwerke/${networkId}`, {
          cookie: world.cookies.coordinator,
          params: { networkId },
          form,
        }),
      ).rejects.toThrow();
    } finally {
      await getDb().execute(sql`drop trigger refuse_invitation on invitations`);
    }
    const created = await getDb()
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, form.name));
    expect(created).toEqual([]);
    const after = await getDb().select({ id: auditLog.id }).from(auditLog);
    expect(after.length).toBe(before.length);
  });
});
