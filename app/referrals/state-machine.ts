import { type ReferralStatus } from "~/db/vocabularies";

/** Which organisation of a referral a person acts for. */
export type ReferralSide = "sender" | "receiver";

interface TransitionRule {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  by: ReferralSide;
}

/**
 * The only status changes a referral can make (PRODUCT.md, "Referral lifecycle"). Revoking the
 * consent is not in the product's lifecycle line, but the issue demands that it ends the referral
 * from any open state; it gets its own end state so the figures can tell it from a withdrawal.
 */
export const transitionRules = {
  send: { from: ["draft"], to: "sent", by: "sender" },
  accept: { from: ["sent"], to: "accepted", by: "receiver" },
  decline: { from: ["sent"], to: "declined", by: "receiver" },
  start: { from: ["accepted"], to: "in_progress", by: "receiver" },
  complete: { from: ["in_progress"], to: "completed", by: "receiver" },
  withdraw: { from: ["sent", "accepted"], to: "withdrawn", by: "sender" },
  // A draft was never shared: its consent is simply edited out, no end state needed.
  revokeConsent: { from: ["sent", "accepted", "in_progress"], to: "consent_revoked", by: "sender" },
} as const satisfies Record<string, TransitionRule>;

export type TransitionName = keyof typeof transitionRules;
export const transitionNames = Object.keys(transitionRules) as TransitionName[];

export const endStatuses: readonly ReferralStatus[] = [
  "declined",
  "completed",
  "withdrawn",
  "consent_revoked",
];

export function isEnded(status: ReferralStatus): boolean {
  return endStatuses.includes(status);
}

export function isTransitionName(value: unknown): value is TransitionName {
  return typeof value === "string" && Object.hasOwn(transitionRules, value);
}

export type TransitionCheck =
  { ok: true; to: ReferralStatus } | { ok: false; problem: "wrong_side" | "not_from_this_status" };

export function checkTransition(
  status: ReferralStatus,
  name: TransitionName,
  side: ReferralSide,
): TransitionCheck {
  const rule: TransitionRule = transitionRules[name];
  if (rule.by !== side) return { ok: false, problem: "wrong_side" };
  if (!rule.from.includes(status)) return { ok: false, problem: "not_from_this_status" };
  return { ok: true, to: rule.to };
}

/** The actions to offer on the detail page, in lifecycle order. */
export function availableTransitions(status: ReferralStatus, side: ReferralSide): TransitionName[] {
  return transitionNames.filter((name) => checkTransition(status, name, side).ok);
}
