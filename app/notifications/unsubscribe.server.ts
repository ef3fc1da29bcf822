import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { instanceSettings, notificationPreferences, users } from "~/db/schema";
import { inUnitOfWork, type Executor } from "~/db/unit-of-work.server";
import { notificationKinds, type NotificationKind } from "~/db/vocabularies";
import { absoluteUrl } from "~/mail/mail.server";
import { deliveriesOf } from "./preferences.server";

/**
 * One-click unsubscribe (RFC 8058): every notice mail carries a link that stops mails of its
 * kind (or the digest) for its recipient, without login. The link is an HMAC of the person and
 * the kind with a secret of the installation, so nobody can make one for somebody else; it does
 * not expire (a mail read months later still works) and only ever reduces mail.
 */

/** A kind of notice, or "digest" for the digest mail, which holds several kinds. */
export type UnsubscribeScope = NotificationKind | "digest";

const KEY_SETTING = "notification_unsubscribe_key";
let cachedKey: string | undefined;

/**
 * The installation's signing key, made on first use. Only a key read back from an earlier
 * statement is cached: one made in a transaction that rolls back must not outlive it.
 */
async function signingKey(executor: Executor): Promise<string> {
  if (cachedKey) return cachedKey;
  const read = async () =>
    (
      await executor
        .select({ value: instanceSettings.value })
        .from(instanceSettings)
        .where(eq(instanceSettings.key, KEY_SETTING))
    )[0]?.value;
  const existing = await read();
  if (existing) return (cachedKey = existing);
  await executor
    .insert(instanceSettings)
    .values({ key: KEY_SETTING, value: randomBytes(32).toString("hex") })
    .onConflictDoNothing();
  const made = await read();
  if (!made) throw new Error(`${KEY_SETTING} could not be stored`);
  return made;
}

const mac = (key: string, payload: string) =>
  createHmac("sha256", key).update(payload).digest("base64url");

export async function unsubscribeToken(
  executor: Executor,
  userId: string,
  scope: UnsubscribeScope,
): Promise<string> {
  const payload = `${userId}.${scope}`;
  return `${Buffer.from(payload).toString("base64url")}.${mac(await signingKey(executor), payload)}`;
}

export async function unsubscribeUrl(
  executor: Executor,
  userId: string,
  scope: UnsubscribeScope,
): Promise<string> {
  return absoluteUrl(
    `/benachrichtigungen/abbestellen/${await unsubscribeToken(executor, userId, scope)}`,
  );
}

const isScope = (value: string): value is UnsubscribeScope =>
  value === "digest" || (notificationKinds as readonly string[]).includes(value);

/** The person and scope a token names, or null for anything not signed by this installation. */
export async function readUnsubscribeToken(
  executor: Executor,
  token: string,
): Promise<{ userId: string; scope: UnsubscribeScope } | null> {
  const [encoded, signature, ...rest] = token.split(".");
  if (!encoded || !signature || rest.length > 0) return null;
  const payload = Buffer.from(encoded, "base64url").toString("utf8");
  const expected = Buffer.from(mac(await signingKey(executor), payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [userId, scope] = payload.split(".");
  if (!userId || !scope || !isScope(scope)) return null;
  const [user] = await executor.select({ id: users.id }).from(users).where(eq(users.id, userId));
  return user ? { userId, scope } : null;
}

/**
 * Stops the mails the token names: its kind, or every kind in the digest, goes to "Nur im
 * Portal" (a kind that is off stays off). Audited without an actor: nobody signed in, the link
 * may have been followed by anyone who has the mail. Returns false for an invalid token.
 */
export async function unsubscribe(token: string, ip: string | null): Promise<boolean> {
  return inUnitOfWork(async ({ tx }) => {
    const reader = await readUnsubscribeToken(tx, token);
    if (!reader) return false;
    const current = await deliveriesOf(tx, reader.userId);
    const kinds = notificationKinds.filter((kind) =>
      reader.scope === "digest"
        ? current[kind] === "digest"
        : kind === reader.scope && current[kind] !== "off",
    );
    if (kinds.length > 0) {
      await tx
        .insert(notificationPreferences)
        .values(kinds.map((kind) => ({ userId: reader.userId, kind, delivery: "portal" as const })))
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.kind],
          set: { delivery: "portal" },
        });
    }
    await recordAudit(tx, {
      action: "notification.unsubscribed",
      targetType: "user",
      targetId: reader.userId,
      ip,
      details: { scope: reader.scope, kinds: kinds.join(",") },
    });
    return true;
  });
}
