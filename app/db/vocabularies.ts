/**
 * The fixed vocabularies of the schema: plain lists, no drizzle, so that forms and pages in the
 * browser can use them without loading the database layer. The schema builds its enums from
 * them (./schema re-exports them for server code).
 */

/** Role of a user inside their organisation. Platform admin and coordinator are granted separately. */
export const memberRoles = ["org_admin", "staff", "employer_member"] as const;
export type MemberRole = (typeof memberRoles)[number];

/** How a course is funded (Förderinstrument). */
export const courseInstruments = ["fbw", "avgs", "paragraph_45", "esf", "sonstige"] as const;
export type CourseInstrument = (typeof courseInstruments)[number];
/** open → confirmed ("kommt zustande") at the minimum, or → cancelled at the deadline below it. */
export const courseStatuses = ["open", "confirmed", "cancelled"] as const;
export type CourseStatus = (typeof courseStatuses)[number];

/** Whether employer members of the network may read a channel, and write in it. */
export const channelEmployerAccesses = ["none", "read", "write"] as const;
export type ChannelEmployerAccess = (typeof channelEmployerAccesses)[number];
/** What a thread belongs to: a channel, or one idea, referral or event (one thread each). */
export const threadSubjects = ["channel", "idea", "referral", "event"] as const;
export type ThreadSubject = (typeof threadSubjects)[number];
export const reportResolutions = ["hidden", "dismissed"] as const;
export type ReportResolution = (typeof reportResolutions)[number];

export const eventKinds = [
  "inforunde",
  "infostand",
  "informationsveranstaltung",
  "speed_dating",
  "praktikumsboerse",
  "fachveranstaltung",
  "aktionswoche",
] as const;
export type EventKind = (typeof eventKinds)[number];
export const reservationStatuses = ["confirmed", "waitlisted", "cancelled"] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

export const ideaStatuses = ["draft", "published", "archived"] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];
/** "network": only the idea's network finds it; "nationwide": every network of the installation. */
export const ideaVisibilities = ["network", "nationwide"] as const;
export type IdeaVisibility = (typeof ideaVisibilities)[number];
export const searchOperations = ["upsert", "remove"] as const;

export const mailStatuses = ["pending", "sent", "failed"] as const;
export type MailStatus = (typeof mailStatuses)[number];

/** The kinds of notice a person can route (Mein Konto → Benachrichtigungen). */
export const notificationKinds = [
  "referral_received",
  "referral_status",
  "mention",
  "thread_reply",
  "event_update",
  "course_outcome",
  "network_change",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
/** Where a kind of notice goes: the portal always shows it unless it is "off". */
export const notificationDeliveries = ["portal", "email", "digest", "off"] as const;
export type NotificationDelivery = (typeof notificationDeliveries)[number];
export const digestFrequencies = ["daily", "weekly"] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];

/** Whom the platform admin can require a second factor of (Verwaltung → Anmeldung). */
export const secondFactorAudiences = [
  "platform_admin",
  "coordinator",
  "org_admin",
  "staff",
  "employer_member",
] as const;
export type SecondFactorAudience = (typeof secondFactorAudiences)[number];

export const organizationKinds = [
  "jobcenter",
  "agentur_fuer_arbeit",
  "jugendamt",
  "schuldnerberatung",
  "suchtberatung",
  "psychosozialer_dienst",
  "bildungstraeger",
  "arbeitgeber",
  "kammer",
  "krankenkasse",
  "kommune",
  "migrationsberatung",
  "sonstige",
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

/** What a service (Angebot) is about; a referral names the needs from the same list. */
export const serviceCategories = [
  "schuldnerberatung",
  "suchtberatung",
  "psychosoziale_beratung",
  "kinderbetreuung",
  "jugendhilfe",
  "sprachkurs",
  "qualifizierung",
  "gesundheit",
  "mobilitaet",
  "sonstige",
] as const;
export type ServiceCategory = (typeof serviceCategories)[number];
export const referralStatuses = [
  "draft",
  "sent",
  "accepted",
  "declined",
  "in_progress",
  "completed",
  "withdrawn",
  "consent_revoked",
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const ageBands = [
  "unter_18",
  "18_bis_24",
  "25_bis_34",
  "35_bis_49",
  "50_bis_64",
  "ab_65",
] as const;
export type AgeBand = (typeof ageBands)[number];
export const urgencies = ["normal", "dringend"] as const;
export type Urgency = (typeof urgencies)[number];
export const contactPreferences = ["telefon", "brief", "persoenlich", "ueber_jobcenter"] as const;
export type ContactPreference = (typeof contactPreferences)[number];
export const declineReasons = [
  "keine_kapazitaet",
  "nicht_zustaendig",
  "einwilligung_unzureichend",
  "nicht_erreichbar",
  "sonstiges",
] as const;
export type DeclineReason = (typeof declineReasons)[number];
/** Outcome codes: what flows back even where § 203 StGB forbids free-text feedback. */
export const outcomeCodes = [
  "beratung_aufgenommen",
  "beratung_abgeschlossen",
  "nicht_erschienen",
  "an_andere_stelle_vermittelt",
  "abgebrochen",
] as const;
export type OutcomeCode = (typeof outcomeCodes)[number];
export const consentForms = ["schriftlich", "elektronisch", "muendlich_dokumentiert"] as const;
export type ConsentForm = (typeof consentForms)[number];
