import { aliasedTable, asc, eq, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import {
  organizations,
  referralConsents,
  referrals,
  referralTransitions,
  services,
  users,
} from "~/db/schema";
import { isSecrecyBound, senderMayReadReceiverNotes } from "./professional-secrecy";
import { availableTransitions, type ReferralSide } from "./state-machine";
import { berlinDate } from "~/time/berlin";

const sender = aliasedTable(organizations, "sender");
const receiver = aliasedTable(organizations, "receiver");
const consentOrganization = aliasedTable(organizations, "consent_organization");
const actorOrganization = aliasedTable(organizations, "actor_organization");

async function loadReferral(referralId: string) {
  const [row] = await getDb()
    .select({
      referral: {
        id: referrals.id,
        status: referrals.status,
        pseudonym: referrals.pseudonym,
        ageBand: referrals.ageBand,
        needs: referrals.needs,
        reason: referrals.reason,
        urgency: referrals.urgency,
        contactPreference: referrals.contactPreference,
        createdAt: referrals.createdAt,
        sentAt: referrals.sentAt,
        receiverSecrecyBound: referrals.receiverSecrecyBound,
        dueOn: referrals.dueOn,
        escalatedAt: referrals.escalatedAt,
        declineReason: referrals.declineReason,
        firstAppointmentOn: referrals.firstAppointmentOn,
        outcome: referrals.outcome,
        closedAt: referrals.closedAt,
        anonymisedAt: referrals.anonymisedAt,
        serviceId: referrals.serviceId,
      },
      service: {
        name: services.name,
        category: services.category,
        responseWorkingDays: services.responseWorkingDays,
      },
      sender: { id: sender.id, name: sender.name, phone: sender.phone, email: sender.contactEmail },
      receiver: {
        id: receiver.id,
        name: receiver.name,
        kind: receiver.kind,
        phone: receiver.phone,
        email: receiver.contactEmail,
      },
      createdByName: users.name,
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(sender, eq(sender.id, referrals.senderOrganizationId))
    .innerJoin(receiver, eq(receiver.id, referrals.receiverOrganizationId))
    .innerJoin(users, eq(users.id, referrals.createdByUserId))
    .where(eq(referrals.id, referralId));
  return row ?? null;
}

/** The consent recorded for a referral, with the organisation it names; null when there is none. */
export async function findReferralConsent(referralId: string) {
  const [row] = await getDb()
    .select({
      obtainedBy: referralConsents.obtainedBy,
      obtainedOn: referralConsents.obtainedOn,
      form: referralConsents.form,
      organizationId: referralConsents.organizationId,
      organizationName: consentOrganization.name,
      purpose: referralConsents.purpose,
      validUntil: referralConsents.validUntil,
      coversFeedback: referralConsents.coversFeedback,
      revokedAt: referralConsents.revokedAt,
    })
    .from(referralConsents)
    .innerJoin(consentOrganization, eq(consentOrganization.id, referralConsents.organizationId))
    .where(eq(referralConsents.referralId, referralId));
  return row ?? null;
}

/**
 * Oldest first. Created and sent in one transaction, two entries share an instant: the creation
 * (no previous status) comes first, where plain ASC would put it last (NULLS LAST).
 */
function loadTimeline(referralId: string) {
  return getDb()
    .select({
      id: referralTransitions.id,
      fromStatus: referralTransitions.fromStatus,
      toStatus: referralTransitions.toStatus,
      actorName: users.name,
      organizationId: referralTransitions.actorOrganizationId,
      organizationName: actorOrganization.name,
      note: referralTransitions.note,
      occurredAt: referralTransitions.occurredAt,
    })
    .from(referralTransitions)
    .leftJoin(users, eq(users.id, referralTransitions.actorUserId))
    .leftJoin(actorOrganization, eq(actorOrganization.id, referralTransitions.actorOrganizationId))
    .where(eq(referralTransitions.referralId, referralId))
    .orderBy(
      asc(referralTransitions.occurredAt),
      sql`${referralTransitions.fromStatus} asc nulls first`,
    );
}

/**
 * Everything one side may see of a referral. Where § 203 StGB binds the receiver and the consent
 * does not cover feedback, the receiver's notes are removed here, on the server, before any page
 * gets them: the sender learns that a note exists, not what it says.
 */
export async function getReferralForSide(referralId: string, side: ReferralSide, now = new Date()) {
  const [loaded, consent, timeline] = await Promise.all([
    loadReferral(referralId),
    findReferralConsent(referralId),
    loadTimeline(referralId),
  ]);
  if (!loaded) return null;
  const { receiverSecrecyBound, ...referral } = loaded.referral;
  // Fixed when the referral was sent; a draft (no receiver notes yet) shows what sending would fix.
  const secrecyBound = receiverSecrecyBound ?? isSecrecyBound(loaded.receiver.kind);
  const senderSeesNotes = senderMayReadReceiverNotes(
    secrecyBound,
    consent?.coversFeedback ?? false,
  );
  const withholdNotes = side === "sender" && !senderSeesNotes;
  const today = berlinDate(now);
  return {
    ...loaded,
    side,
    referral: {
      ...referral,
      overdue: referral.status === "sent" && referral.dueOn !== null && referral.dueOn < today,
    },
    consent,
    secrecy: { bound: secrecyBound, senderSeesNotes },
    timeline: timeline.map(({ organizationId, note, ...entry }) => {
      const withheld = withholdNotes && organizationId === loaded.receiver.id && note !== null;
      return { ...entry, note: withheld ? null : note, noteWithheld: withheld };
    }),
    actions: availableTransitions(referral.status, side),
  };
}
export type ReferralDetail = NonNullable<Awaited<ReturnType<typeof getReferralForSide>>>;
