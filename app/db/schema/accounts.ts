import {
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, id, instant, ref } from "./columns";
import { sql } from "drizzle-orm";
import { networks, organizations } from "./organizations";
import { identityProviders } from "./sign-in";
import { memberRoles } from "../vocabularies";

export const memberRole = pgEnum("member_role", memberRoles);

export const users = pgTable(
  "users",
  {
    id: id(),
    organizationId: ref("organization_id", () => organizations.id).notNull(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** Funktion, e.g. "Integrationsfachkraft"; shown with the name. */
    jobTitle: text("job_title").notNull().default(""),
    phone: text("phone").notNull().default(""),
    /** Null for a person who signs in only through an identity provider. */
    passwordHash: text("password_hash"),
    role: memberRole("role").notNull(),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    deactivatedAt: instant("deactivated_at"),
    /** Set when an organisation admin deleted a former member: name and address are replaced. */
    anonymizedAt: instant("anonymized_at"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("users_email_lower_idx").on(sql`lower(${table.email})`),
    index("users_organization_idx").on(table.organizationId),
  ],
);

/** Appointed by the platform admin; a coordinator manages the network's membership. */
export const networkCoordinators = pgTable(
  "network_coordinators",
  {
    networkId: ref("network_id", () => networks.id).notNull(),
    userId: ref("user_id", () => users.id).notNull(),
    appointedAt: instant("appointed_at").notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.networkId, table.userId] }),
    index("network_coordinators_user_idx").on(table.userId),
  ],
);

/** Session design of the Lucia guide: the id is the SHA-256 of the token in the cookie. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: ref("user_id", () => users.id).notNull(),
    expiresAt: instant("expires_at").notNull(),
    lastSeenAt: instant("last_seen_at").notNull(),
    createdAt: createdAt(),
    /** The browser's User-Agent at login, shown on the sessions page. */
    userAgent: text("user_agent").notNull().default(""),
    /** The password was right but the second factor is still to be entered: nothing else opens. */
    secondFactorPending: boolean("second_factor_pending").notNull().default(false),
    /** Set for a login through an identity provider (for its logout). */
    identityProviderId: ref("identity_provider_id", () => identityProviders.id),
    /** The provider's session id (`sid`), which its back-channel logout names. */
    providerSessionId: text("provider_session_id"),
    /** The ID token of the login, sent back as `id_token_hint` on logout at the provider. */
    idToken: text("id_token"),
  },
  (table) => [
    index("sessions_user_idx").on(table.userId),
    index("sessions_provider_session_idx").on(table.identityProviderId, table.providerSessionId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    organizationId: ref("organization_id", () => organizations.id).notNull(),
    email: text("email").notNull(),
    role: memberRole("role").notNull(),
    /** SHA-256 of the token in the link; the token itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    invitedByUserId: ref("invited_by_user_id", () => users.id),
    expiresAt: instant("expires_at").notNull(),
    acceptedAt: instant("accepted_at"),
    revokedAt: instant("revoked_at"),
    createdAt: createdAt(),
  },
  (table) => [index("invitations_organization_idx").on(table.organizationId)],
);
