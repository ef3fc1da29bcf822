import { jsonb, text } from "drizzle-orm/pg-core";
import { ref } from "./columns";
import { users } from "./accounts";
import { networks, organizations } from "./organizations";

/**
 * What an organisation offers to its network (an event, a course) starts alike: the network, the
 * offering organisation, whoever created it, a title and a rich-text description.
 */
export const networkOfferColumns = () => ({
  networkId: ref("network_id", () => networks.id).notNull(),
  organizationId: ref("organization_id", () => organizations.id).notNull(),
  createdByUserId: ref("created_by_user_id", () => users.id),
  title: text("title").notNull(),
  /** tiptap JSON, validated against app/rich-text/schema.ts. */
  description: jsonb("description").notNull(),
});
