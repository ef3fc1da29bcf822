import { recordAudit } from "~/audit/audit.server";
import type { CurrentUser } from "./session.server";

/**
 * Every authorization decision of the portal is made here. Loaders, actions and socket events
 * call `authorize` (or `can` for showing or hiding a link); nothing else compares roles.
 */
export type Actor = Pick<
  CurrentUser,
  "id" | "organizationId" | "role" | "isPlatformAdmin" | "networkIds" | "coordinatedNetworkIds"
>;

export type Capability =
  | { action: "network.create" }
  | { action: "network.appointCoordinator"; networkId: string }
  | { action: "network.view"; networkId: string }
  | { action: "network.manageMembers"; networkId: string }
  | { action: "organization.edit"; organizationId: string }
  | { action: "organization.manageMembers"; organizationId: string }
  | { action: "realtime.connect" }
  /** Read every kept mail on the Postausgang page, not only the ones one's own actions caused. */
  | { action: "outbox.viewAll" };

function seesNetwork(actor: Actor, networkId: string): boolean {
  return (
    actor.isPlatformAdmin ||
    actor.networkIds.includes(networkId) ||
    actor.coordinatedNetworkIds.includes(networkId)
  );
}

/** Whether the resource is visible at all; an invisible one answers 404, never 403. */
function isVisible(actor: Actor, capability: Capability): boolean {
  switch (capability.action) {
    case "network.create":
    case "realtime.connect":
    case "outbox.viewAll":
      return true;
    case "network.appointCoordinator":
    case "network.view":
    case "network.manageMembers":
      return seesNetwork(actor, capability.networkId);
    case "organization.edit":
    case "organization.manageMembers":
      return actor.isPlatformAdmin || actor.organizationId === capability.organizationId;
  }
}

export function can(actor: Actor, capability: Capability): boolean {
  switch (capability.action) {
    case "network.create":
    case "network.appointCoordinator":
    case "outbox.viewAll":
      return actor.isPlatformAdmin;
    case "network.view":
      return seesNetwork(actor, capability.networkId);
    case "network.manageMembers":
      return actor.coordinatedNetworkIds.includes(capability.networkId);
    case "organization.edit":
    case "organization.manageMembers":
      return actor.organizationId === capability.organizationId && actor.role === "org_admin";
    case "realtime.connect":
      return true;
  }
}

export const notFoundText = "Diese Seite gibt es nicht – oder Sie haben keinen Zugriff darauf.";
export const forbiddenText = "Dafür fehlt Ihnen die Berechtigung.";

export function notFound(): Response {
  return new Response(notFoundText, { status: 404, statusText: "Not Found" });
}

/** Throws 404 for what the actor may not even know exists, 403 otherwise; denials are audited. */
export async function authorize(
  actor: Actor & { organizationId: string },
  capability: Capability,
  ip: string | null,
): Promise<void> {
  if (can(actor, capability)) return;
  const visible = isVisible(actor, capability);
  const { action, ...target } = capability;
  await recordAudit({
    action: "permission.denied",
    actor,
    ip,
    details: { capability: action, ...target, answered: visible ? 403 : 404 },
  });
  if (!visible) throw notFound();
  throw new Response(forbiddenText, { status: 403, statusText: "Forbidden" });
}
