import { boolean, index, integer, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, id, instant, ref, textList, timestamps } from "./columns";
import { users } from "./accounts";
import { organizations } from "./organizations";
import { digestFrequencies, notificationDeliveries } from "../vocabularies";
import { notificationKind } from "./messaging";

/**
 * Everything a person controls about their own sign-in and notices: link tokens (password
 * reset, new e-mail address), the second factor, identity providers and notification settings.
 * Every token and code is stored only as its SHA-256 (see ~/auth/tokens.server).
 */

/** A "Passwort vergessen" link: valid one hour, used once. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: id(),
    userId: ref("user_id", () => users.id).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
    createdAt: createdAt(),
  },
  (table) => [index("password_reset_tokens_user_idx").on(table.userId)],
);

/** A change of e-mail address, waiting for the link sent to the new address. */
export const emailChangeRequests = pgTable(
  "email_change_requests",
  {
    id: id(),
    userId: ref("user_id", () => users.id).notNull(),
    newEmail: text("new_email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
    createdAt: createdAt(),
  },
  (table) => [index("email_change_requests_user_idx").on(table.userId)],
);

/**
 * A person's TOTP second factor (RFC 6238). `confirmedAt` is null while it is being set up:
 * only a confirmed factor is asked for at login.
 */
export const secondFactors = pgTable("second_factors", {
  userId: ref("user_id", () => users.id).primaryKey(),
  /** The shared secret, base32 as shown to the person. */
  secret: text("secret").notNull(),
  /** The last time step a code was accepted for: a code is never accepted twice. */
  lastUsedStep: integer("last_used_step"),
  confirmedAt: instant("confirmed_at"),
  createdAt: createdAt(),
});

/** Ten single-use codes for a lost phone, shown once. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: id(),
    userId: ref("user_id", () => users.id).notNull(),
    codeHash: text("code_hash").notNull(),
    usedAt: instant("used_at"),
    createdAt: createdAt(),
  },
  (table) => [index("recovery_codes_user_idx").on(table.userId)],
);

/** An OpenID Connect provider the platform admin configured (e.g. the Landkreis's Keycloak). */
export const identityProviders = pgTable("identity_providers", {
  id: id(),
  displayName: text("display_name").notNull(),
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecret: text("client_secret").notNull(),
  /** Only addresses of these domains are matched or created (lower case, without "@"). */
  allowedDomains: textList("allowed_domains"),
  /** New people land in this organisation, and only its members are matched. */
  organizationId: ref("organization_id", () => organizations.id).notNull(),
  /** Whether an unknown person is created (as staff) or refused. */
  createsUnknownUsers: boolean("creates_unknown_users").notNull().default(false),
  enabled: boolean("enabled").notNull().default(true),
  ...timestamps(),
});

/** Which provider account (`sub`) is linked to which person. */
export const userIdentities = pgTable(
  "user_identities",
  {
    identityProviderId: ref("identity_provider_id", () => identityProviders.id).notNull(),
    subject: text("subject").notNull(),
    userId: ref("user_id", () => users.id).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.identityProviderId, table.subject] }),
    index("user_identities_user_idx").on(table.userId),
  ],
);

export const notificationDelivery = pgEnum("notification_delivery", notificationDeliveries);
export const digestFrequency = pgEnum("digest_frequency", digestFrequencies);

/** A person's choice for one kind of notice; without a row the kind's default applies. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: ref("user_id", () => users.id).notNull(),
    kind: notificationKind("kind").notNull(),
    delivery: notificationDelivery("delivery").notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);

/** When a person's digest goes out, and when the last one did. */
export const digestSettings = pgTable("digest_settings", {
  userId: ref("user_id", () => users.id).primaryKey(),
  frequency: digestFrequency("frequency").notNull().default("daily"),
  /** Hour of the day in Berlin time (0–23). */
  hour: integer("hour").notNull().default(7),
  lastSentAt: instant("last_sent_at"),
});
