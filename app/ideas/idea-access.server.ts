import type { Capability, IdeaAccess } from "~/auth/permissions.server";
import { requireRecord } from "~/auth/require-record.server";
import type { CurrentUser } from "~/auth/session.server";
import { findById } from "~/db/find-by-id.server";
import { ideas } from "~/db/schema";

/** What permission decisions need about an idea. */
const ideaAccessColumns = {
  id: ideas.id,
  organizationId: ideas.organizationId,
  networkId: ideas.networkId,
  status: ideas.status,
  visibility: ideas.visibility,
};

/** Null when there is no such idea. */
export function getIdeaAccess(ideaId: string): Promise<IdeaAccess | null> {
  return findById(ideas, ideaAccessColumns, ideaId);
}

/** What a route wants to do with the idea it names. */
export type IdeaAction = Extract<Capability, { idea: IdeaAccess }>["action"];

/**
 * The idea a route names, if the user may do this with it: 404 for a malformed or unknown id
 * and for an idea the user may not open, 403 for one they see but may not act on; every
 * refusal is audited.
 */
export function requireIdea(
  user: CurrentUser,
  ideaIdParam: string | undefined,
  action: IdeaAction,
): Promise<IdeaAccess> {
  return requireRecord(user, ideaIdParam, getIdeaAccess, (idea) => ({ action, idea }));
}
