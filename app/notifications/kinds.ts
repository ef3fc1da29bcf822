import type { NotificationDelivery, NotificationKind } from "~/db/vocabularies";

/**
 * Where each kind of notice goes for someone who has not chosen (no row in
 * notification_preferences). The defaults keep what the portal did before people could choose:
 * the kinds that came by e-mail come by e-mail, the portal-only kinds stay in the portal, and
 * mentions and replies, which used to be mailed in an hourly digest when the person had no
 * page open, go into the daily digest (07:00 Berlin time), still only when nobody saw them live.
 * Browser-safe: the settings page shows the defaults.
 */
export const defaultDeliveries: Record<NotificationKind, NotificationDelivery> = {
  referral_received: "email",
  referral_status: "email",
  mention: "digest",
  thread_reply: "digest",
  event_update: "email",
  course_outcome: "email",
  network_change: "portal",
};

/** The kind of a notice whose caller names none (e.g. "a new person joined your organisation"). */
export const fallbackKind: NotificationKind = "network_change";

/** A digest is daily at 07:00 Berlin time until the person chooses otherwise. */
export const defaultDigest = { frequency: "daily", hour: 7 } as const;
