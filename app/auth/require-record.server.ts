import { authorize, notFound, type Capability } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { requireUuid } from "~/params.server";
import { clientIp } from "~/request-context.server";

/**
 * The record a route names by an id parameter, if the user may do this with it: 404 for a
 * malformed or unknown id (and, from authorize, for a record the user may not see), 403 for one
 * they see but may not act on; every refusal is audited.
 */
export async function requireRecord<Access>(
  user: CurrentUser,
  idParam: string | null | undefined,
  load: (id: string) => Promise<Access | null>,
  capability: (record: Access) => Capability,
): Promise<Access> {
  const record = await load(requireUuid(idParam));
  if (!record) throw notFound();
  await authorize(user, capability(record), clientIp());
  return record;
}
