import { recordAudit } from "~/audit/audit.server";
import type { IdeaStatus, IdeaVisibility, ReferralStatus } from "~/db/schema";
import { transitionRules, type ReferralSide, type TransitionName } from "~/referrals/state-machine";
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
  | { action: "outbox.viewAll" }
  /** Set how long ended referrals are kept before they are anonymised. */
  | { action: "network.configureReferrals"; networkId: string }
  /** Referral counts per organisation, without any referral's content. */
  | { action: "network.viewReferralFigures"; networkId: string }
  | { action: "services.manage"; organizationId: string }
  /** Inbox, outbox and the creation form. */
  | { action: "referral.work" }
  | { action: "referral.view"; referral: ReferralParties }
  | { action: "referral.editDraft"; referral: ReferralParties }
  | { action: "referral.transition"; referral: ReferralParties; transition: TransitionName }
  /** Write ideas for the Ideenbörse (staff and admins of a network member). */
  | { action: "idea.create" }
  | { action: "idea.view"; idea: IdeaAccess }
  | { action: "idea.edit"; idea: IdeaAccess }
  /** "Das setzen wir auch um": another organisation adopts a published idea. */
  | { action: "idea.adopt"; idea: IdeaAccess }
  | { action: "idea.bookmark"; idea: IdeaAccess };

export interface IdeaAccess {
  id: string;
  organizationId: string;
  networkId: string;
  status: IdeaStatus;
  visibility: IdeaVisibility;
}

/**
 * Who may open an idea: its own organisation always (drafts and archived included); others
 * only once published, in its network or, when nationwide, in every network.
 */
function seesIdea(actor: Actor, idea: IdeaAccess): boolean {
  if (actor.organizationId === idea.organizationId) return true;
  if (idea.status !== "published") return false;
  return idea.visibility === "nationwide" || actor.networkIds.includes(idea.networkId);
}

const writesIdeas = (actor: Actor) => actor.role === "staff" || actor.role === "org_admin";

export interface ReferralParties {
  id: string;
  senderOrganizationId: string;
  receiverOrganizationId: string;
  status: ReferralStatus;
}

/**
 * The side an actor takes in a referral, or null when it is none of their business: only members
 * of the two organisations, never employer members, and the receiver only once it was sent.
 */
export function referralSide(actor: Actor, referral: ReferralParties): ReferralSide | null {
  if (actor.role === "employer_member") return null;
  if (actor.organizationId === referral.senderOrganizationId) return "sender";
  if (actor.organizationId === referral.receiverOrganizationId && referral.status !== "draft") {
    return "receiver";
  }
  return null;
}

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
    case "network.configureReferrals":
    case "network.viewReferralFigures":
      return seesNetwork(actor, capability.networkId);
    case "organization.edit":
    case "organization.manageMembers":
    case "services.manage":
      return actor.isPlatformAdmin || actor.organizationId === capability.organizationId;
    case "referral.work":
      return true;
    case "referral.view":
    case "referral.editDraft":
    case "referral.transition":
      return referralSide(actor, capability.referral) !== null;
    case "idea.create":
      return true;
    case "idea.view":
    case "idea.edit":
    case "idea.adopt":
    case "idea.bookmark":
      return seesIdea(actor, capability.idea);
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
    case "network.configureReferrals":
    case "network.viewReferralFigures":
      return actor.coordinatedNetworkIds.includes(capability.networkId);
    case "organization.edit":
    case "organization.manageMembers":
    case "services.manage":
      return actor.organizationId === capability.organizationId && actor.role === "org_admin";
    case "realtime.connect":
      return true;
    case "referral.work":
      return actor.role !== "employer_member";
    case "referral.view":
      return referralSide(actor, capability.referral) !== null;
    case "referral.editDraft":
      return referralSide(actor, capability.referral) === "sender";
    case "referral.transition":
      return referralSide(actor, capability.referral) === transitionRules[capability.transition].by;
    case "idea.create":
      return writesIdeas(actor) && actor.networkIds.length > 0;
    case "idea.view":
    case "idea.bookmark":
      return seesIdea(actor, capability.idea);
    case "idea.edit":
      return actor.organizationId === capability.idea.organizationId && writesIdeas(actor);
    case "idea.adopt":
      return (
        seesIdea(actor, capability.idea) &&
        capability.idea.status === "published" &&
        actor.organizationId !== capability.idea.organizationId &&
        writesIdeas(actor)
      );
  }
}

export const notFoundText = "Diese Seite gibt es nicht – oder Sie haben keinen Zugriff darauf.";
export const forbiddenText = "Dafür fehlt Ihnen die Berechtigung.";

export function notFound(): Response {
  return new Response(notFoundText, { status: 404, statusText: "Not Found" });
}

/** Flat, content-free details of a denied capability for the audit log. */
function auditTarget(capability: Capability): Record<string, string> {
  const { action, ...target } = capability;
  const details: Record<string, string> = { capability: action };
  for (const [key, value] of Object.entries(target)) {
    if (typeof value === "string") details[key] = value;
  }
  if ("idea" in capability) details.ideaId = capability.idea.id;
  if ("referral" in capability) {
    details.referralId = capability.referral.id;
    details.senderOrganizationId = capability.referral.senderOrganizationId;
    details.receiverOrganizationId = capability.referral.receiverOrganizationId;
  }
  return details;
}

/** Throws 404 for what the actor may not even know exists, 403 otherwise; denials are audited. */
export async function authorize(
  actor: Actor & { organizationId: string },
  capability: Capability,
  ip: string | null,
): Promise<void> {
  if (can(actor, capability)) return;
  const visible = isVisible(actor, capability);
  await recordAudit({
    action: "permission.denied",
    actor,
    ip,
    details: { ...auditTarget(capability), answered: visible ? 403 : 404 },
  });
  if (!visible) throw notFound();
  throw new Response(forbiddenText, { status: 403, statusText: "Forbidden" });
}
