import { eq, or, type SQL } from "drizzle-orm";
import { recordAudit } from "~/audit/audit.server";
import { getDb } from "~/db/client.server";
import {
  memberRoles,
  organizations,
  users,
  type ChannelEmployerAccess,
  type MemberRole,
  type CourseStatus,
  type OrganizationKind,
  type ReferralStatus,
} from "~/db/schema";
import { mayOpenIdea, type IdeaScope } from "~/ideas/visibility.server";
import { transitionRules, type ReferralSide, type TransitionName } from "~/referrals/state-machine";
import type { CurrentUser } from "./session.server";

/**
 * Every authorization decision of the portal is made here. Loaders, actions and socket events
 * call `authorize` (or `can` for showing or hiding a link); nothing else compares roles.
 */
export type Actor = Pick<
  CurrentUser,
  | "id"
  | "organizationId"
  | "organizationKind"
  | "role"
  | "isPlatformAdmin"
  | "networkIds"
  | "coordinatedNetworkIds"
>;

export type Capability =
  | { action: "network.create" }
  | { action: "network.appointCoordinator"; networkId: string }
  | { action: "network.view"; networkId: string }
  | { action: "network.manageMembers"; networkId: string }
  | { action: "organization.edit"; organizationId: string }
  | { action: "organization.manageMembers"; organizationId: string }
  /**
   * Its kind decides § 203 secrecy for referrals sent to it and whether its people act as
   * employers: set by a coordinator of one of its networks or the platform admin, never itself.
   */
  | { action: "organization.changeKind"; organization: OrganizationNetworks }
  | { action: "realtime.connect" }
  /** Read every kept mail on the Postausgang page, not only the ones one's own actions caused. */
  | { action: "outbox.viewAll" }
  /** Who must sign in with a second factor (Verwaltung → Anmeldung). */
  | { action: "signInPolicy.manage" }
  /** Configure the identity providers of single sign-on (issuer, client, matching rules). */
  | { action: "identityProvider.manage" }
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
  | { action: "idea.bookmark"; idea: IdeaAccess }
  /** The Diskussionen page with the channels of one's networks. */
  | { action: "discussion.browse" }
  /** Create, rename and archive a network's channels; decide on employer access. */
  | { action: "channel.manage"; networkId: string }
  | { action: "channel.view"; channel: ChannelAccess }
  | { action: "thread.start"; channel: ChannelAccess }
  | { action: "thread.view"; thread: ThreadAccess }
  | { action: "thread.reply"; thread: ThreadAccess }
  /** Lock the thread, hide posts, see edit histories. */
  | { action: "thread.moderate"; thread: ThreadAccess }
  | { action: "post.edit"; thread: ThreadAccess; post: PostAccess }
  | { action: "post.delete"; thread: ThreadAccess; post: PostAccess }
  | { action: "post.report"; thread: ThreadAccess; post: PostAccess }
  /** The coordinator's list of reported posts. */
  | { action: "discussion.viewReports"; networkId: string }
  /** The calendar of one's networks' events, and one's personal calendar subscription. */
  | { action: "event.browse" }
  /** Post an event: employer members and staff of any network organisation. */
  | { action: "event.create" }
  | { action: "event.view"; event: EventAccess }
  /** Change or cancel the event: the organising organisation (the event's state aside). */
  | { action: "event.edit"; event: EventAccess }
  | { action: "event.reserve"; event: EventAccess }
  | { action: "reservation.cancel"; event: EventAccess; reservation: ReservationAccess }
  | { action: "event.recordOutcomes"; event: EventAccess }
  /** The Maßnahmen-Pool of one's networks. */
  | { action: "course.browse" }
  /** Offer a course: staff and admins of a Bildungsträger in a network. */
  | { action: "course.create" }
  | { action: "course.view"; course: CourseAccess }
  | { action: "course.edit"; course: CourseAccess }
  /** Whether the organisation may pledge at all; deadline and state are rules of setPledge. */
  | { action: "course.pledge"; course: CourseAccess };

export interface OrganizationNetworks {
  id: string;
  /** The networks the organisation belongs to. */
  networkIds: string[];
}

export interface EventAccess {
  id: string;
  networkId: string;
  /** The organiser. */
  organizationId: string;
}

export interface ReservationAccess {
  id: string;
  organizationId: string;
}

export interface CourseAccess {
  id: string;
  networkId: string;
  /** The Bildungsträger offering it. */
  organizationId: string;
  admittedKinds: OrganizationKind[];
  status: CourseStatus;
}

export interface ChannelAccess {
  id: string;
  networkId: string;
  employerAccess: ChannelEmployerAccess;
  archived: boolean;
}

/** A thread and what it hangs off: its permission rules are the ones of that thing. */
export type ThreadAccess = { id: string; locked: boolean } & (
  | { subject: "channel"; channel: ChannelAccess }
  | { subject: "idea"; idea: IdeaAccess }
  | { subject: "referral"; referral: ReferralParties }
  | { subject: "event"; event: EventAccess }
);

export interface PostAccess {
  id: string;
  authorUserId: string;
  /** Deleted by its author or hidden by a moderator: nothing more can be done with it. */
  removed: boolean;
}

/** Who may open it is decided by `mayOpenIdea` (app/ideas/visibility.server.ts). */
export interface IdeaAccess extends IdeaScope {
  id: string;
}

export interface ReferralParties {
  id: string;
  senderOrganizationId: string;
  receiverOrganizationId: string;
  status: ReferralStatus;
}

const employerKind: OrganizationKind = "arbeitgeber";

/**
 * Everyone in an employer organisation acts as an employer, whatever their role: an admin there
 * manages the organisation's members and profile but gets no staff capability (referrals, ideas,
 * channels closed to employers, seats for clients, courses). The kind is today's: rights follow
 * the organisation as it is now (unlike § 203 secrecy, which is fixed when a referral is sent).
 */
export function actsAsEmployer(actor: Pick<Actor, "role" | "organizationKind">): boolean {
  return actor.role === "employer_member" || actor.organizationKind === employerKind;
}

/** `actsAsEmployer` for lists of users: the query joins `organizations` on the user's one. */
export const actsAsEmployerSql: SQL = or(
  eq(users.role, "employer_member"),
  eq(organizations.kind, employerKind),
)!;

/** The roles one may be invited to or given: an employer organisation has no staff. */
export function memberRolesFor(kind: OrganizationKind): readonly MemberRole[] {
  return kind === employerKind ? ["org_admin", "employer_member"] : memberRoles;
}

/** Case workers and admins write ideas, refer and act for candidates; employers never do. */
const actsAsStaff = (actor: Actor) => !actsAsEmployer(actor);

/**
 * The side an actor takes in a referral, or null when it is none of their business: only members
 * of the two organisations, never anyone acting as an employer, and the receiver only once it
 * was sent.
 */
export function referralSide(actor: Actor, referral: ReferralParties): ReferralSide | null {
  if (actsAsEmployer(actor)) return null;
  if (actor.organizationId === referral.senderOrganizationId) return "sender";
  if (actor.organizationId === referral.receiverOrganizationId && referral.status !== "draft") {
    return "receiver";
  }
  return null;
}

/** Members and coordinators of a network see its events and courses (not platform admins). */
function inNetwork(actor: Actor, networkId: string): boolean {
  return actor.networkIds.includes(networkId) || actor.coordinatedNetworkIds.includes(networkId);
}

/** The networks whose events and courses an actor sees (see inNetwork), each once. */
export function networksSeenBy(actor: Pick<Actor, "networkIds" | "coordinatedNetworkIds">) {
  return [...new Set([...actor.networkIds, ...actor.coordinatedNetworkIds])];
}

const organisesEvent = (actor: Actor, event: EventAccess) =>
  actor.organizationId === event.organizationId;

/**
 * How much of an event's seat list an actor sees. The organiser sees every reservation with its
 * pseudonym and reserving organisation (not the person who reserved); a reserving organisation
 * sees its own reservations; everyone else only the counts.
 */
export function reservationVisibility(
  actor: Actor,
  event: EventAccess,
): "organiser" | "own" | "counts" {
  if (organisesEvent(actor, event)) return "organiser";
  if (actor.networkIds.includes(event.networkId) && actsAsStaff(actor)) return "own";
  return "counts";
}

/** Network members read a channel; employer members only where the coordinator allowed it. */
function seesChannel(actor: Actor, channel: ChannelAccess): boolean {
  if (actor.coordinatedNetworkIds.includes(channel.networkId)) return true;
  if (!actor.networkIds.includes(channel.networkId)) return false;
  return !actsAsEmployer(actor) || channel.employerAccess !== "none";
}

function writesInChannel(actor: Actor, channel: ChannelAccess): boolean {
  if (channel.archived || !seesChannel(actor, channel)) return false;
  return !actsAsEmployer(actor) || channel.employerAccess === "write";
}

function seesThread(actor: Actor, thread: ThreadAccess): boolean {
  switch (thread.subject) {
    case "channel":
      return seesChannel(actor, thread.channel);
    case "idea":
      return mayOpenIdea(actor, thread.idea);
    case "referral":
      return referralSide(actor, thread.referral) !== null;
    case "event":
      return inNetwork(actor, thread.event.networkId);
  }
}

function writesInThread(actor: Actor, thread: ThreadAccess): boolean {
  if (thread.locked) return false;
  switch (thread.subject) {
    case "channel":
      return writesInChannel(actor, thread.channel);
    case "idea":
      return mayOpenIdea(actor, thread.idea) && thread.idea.status !== "archived";
    case "referral":
      return referralSide(actor, thread.referral) !== null;
    case "event":
      return inNetwork(actor, thread.event.networkId);
  }
}

/**
 * The coordinator of the network a thread belongs to moderates it. Referral threads have no
 * moderator: nobody outside the two organisations may read them, the coordinator included.
 */
function moderatesThread(actor: Actor, thread: ThreadAccess): boolean {
  switch (thread.subject) {
    case "channel":
      return actor.coordinatedNetworkIds.includes(thread.channel.networkId);
    case "idea":
      return (
        mayOpenIdea(actor, thread.idea) &&
        actor.coordinatedNetworkIds.includes(thread.idea.networkId)
      );
    case "referral":
      return false;
    case "event":
      return actor.coordinatedNetworkIds.includes(thread.event.networkId);
  }
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
    case "identityProvider.manage":
    case "signInPolicy.manage":
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
    case "organization.changeKind":
      return (
        actor.isPlatformAdmin ||
        capability.organization.networkIds.some((networkId) => inNetwork(actor, networkId))
      );
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
      return mayOpenIdea(actor, capability.idea);
    case "channel.manage":
    case "discussion.viewReports":
      return seesNetwork(actor, capability.networkId);
    case "channel.view":
    case "thread.start":
      return seesChannel(actor, capability.channel);
    case "thread.view":
    case "thread.reply":
    case "thread.moderate":
    case "post.edit":
    case "post.delete":
    case "post.report":
      return seesThread(actor, capability.thread);
    case "discussion.browse":
    case "event.browse":
    case "event.create":
    case "course.browse":
    case "course.create":
      return true;
    case "event.view":
    case "event.edit":
    case "event.reserve":
    case "reservation.cancel":
    case "event.recordOutcomes":
      return inNetwork(actor, capability.event.networkId);
    case "course.view":
    case "course.edit":
    case "course.pledge":
      return inNetwork(actor, capability.course.networkId);
  }
}

export function can(actor: Actor, capability: Capability): boolean {
  switch (capability.action) {
    case "network.create":
    case "network.appointCoordinator":
    case "outbox.viewAll":
    case "identityProvider.manage":
    case "signInPolicy.manage":
      return actor.isPlatformAdmin;
    case "network.view":
      return seesNetwork(actor, capability.networkId);
    case "network.manageMembers":
    case "network.configureReferrals":
    case "network.viewReferralFigures":
      return actor.coordinatedNetworkIds.includes(capability.networkId);
    case "organization.edit":
    case "organization.manageMembers":
      return actor.organizationId === capability.organizationId && actor.role === "org_admin";
    // Services take referrals: an employer's would receive clients' social data.
    case "services.manage":
      return (
        actor.organizationId === capability.organizationId &&
        actor.role === "org_admin" &&
        actsAsStaff(actor)
      );
    case "organization.changeKind":
      return (
        actor.isPlatformAdmin ||
        capability.organization.networkIds.some((networkId) =>
          actor.coordinatedNetworkIds.includes(networkId),
        )
      );
    case "realtime.connect":
      return true;
    case "referral.work":
      return actsAsStaff(actor);
    case "referral.view":
      return referralSide(actor, capability.referral) !== null;
    case "referral.editDraft":
      return referralSide(actor, capability.referral) === "sender";
    case "referral.transition":
      return referralSide(actor, capability.referral) === transitionRules[capability.transition].by;
    case "idea.create":
      return actsAsStaff(actor) && actor.networkIds.length > 0;
    case "idea.view":
    case "idea.bookmark":
      return mayOpenIdea(actor, capability.idea);
    case "idea.edit":
      return actor.organizationId === capability.idea.organizationId && actsAsStaff(actor);
    case "idea.adopt":
      return (
        mayOpenIdea(actor, capability.idea) &&
        capability.idea.status === "published" &&
        actor.organizationId !== capability.idea.organizationId &&
        actsAsStaff(actor)
      );
    case "channel.manage":
    case "discussion.viewReports":
      return actor.coordinatedNetworkIds.includes(capability.networkId);
    case "channel.view":
      return seesChannel(actor, capability.channel);
    case "thread.start":
      return writesInChannel(actor, capability.channel);
    case "thread.view":
      return seesThread(actor, capability.thread);
    case "thread.reply":
      return writesInThread(actor, capability.thread);
    case "thread.moderate":
      return moderatesThread(actor, capability.thread);
    case "post.edit":
      return (
        capability.post.authorUserId === actor.id &&
        !capability.post.removed &&
        writesInThread(actor, capability.thread)
      );
    case "post.delete":
      return (
        !capability.post.removed &&
        seesThread(actor, capability.thread) &&
        (capability.post.authorUserId === actor.id || moderatesThread(actor, capability.thread))
      );
    case "post.report":
      return (
        capability.thread.subject !== "referral" &&
        !capability.post.removed &&
        capability.post.authorUserId !== actor.id &&
        seesThread(actor, capability.thread)
      );
    // The pages of a network's life: for its members and coordinators.
    case "discussion.browse":
    case "event.browse":
    case "course.browse":
      return actor.networkIds.length > 0 || actor.coordinatedNetworkIds.length > 0;
    case "event.create":
      return actor.networkIds.length > 0;
    case "event.view":
      return inNetwork(actor, capability.event.networkId);
    // Whether the event is cancelled, the deadline passed or the event began are rules of the
    // event, answered with a German message by the domain functions, not a denial.
    case "event.edit":
    case "event.recordOutcomes":
      return organisesEvent(actor, capability.event);
    case "event.reserve":
      return actor.networkIds.includes(capability.event.networkId) && actsAsStaff(actor);
    case "reservation.cancel":
      return (
        capability.reservation.organizationId === actor.organizationId &&
        actsAsStaff(actor) &&
        inNetwork(actor, capability.event.networkId)
      );
    case "course.create":
      return (
        actor.organizationKind === "bildungstraeger" &&
        actsAsStaff(actor) &&
        actor.networkIds.length > 0
      );
    case "course.view":
      return inNetwork(actor, capability.course.networkId);
    case "course.edit":
      return actor.organizationId === capability.course.organizationId && actsAsStaff(actor);
    case "course.pledge":
      return (
        actor.networkIds.includes(capability.course.networkId) &&
        actor.organizationId !== capability.course.organizationId &&
        capability.course.admittedKinds.includes(actor.organizationKind) &&
        actsAsStaff(actor)
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
  if ("channel" in capability) details.channelId = capability.channel.id;
  if ("post" in capability) details.postId = capability.post.id;
  if ("thread" in capability) {
    details.threadId = capability.thread.id;
    if (capability.thread.subject === "referral")
      details.referralId = capability.thread.referral.id;
    if (capability.thread.subject === "idea") details.ideaId = capability.thread.idea.id;
    if (capability.thread.subject === "event") details.eventId = capability.thread.event.id;
  }
  if ("event" in capability) details.eventId = capability.event.id;
  if ("reservation" in capability) details.reservationId = capability.reservation.id;
  if ("course" in capability) details.courseId = capability.course.id;
  if ("organization" in capability) details.organizationId = capability.organization.id;
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
  // A refusal changes nothing: its entry stands on its own.
  await recordAudit(getDb(), {
    action: "permission.denied",
    actor,
    ip,
    details: { ...auditTarget(capability), answered: visible ? 403 : 404 },
  });
  if (!visible) throw notFound();
  throw new Response(forbiddenText, { status: 403, statusText: "Forbidden" });
}
