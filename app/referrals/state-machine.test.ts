import { describe, expect, it } from "vitest";
import { referralStatuses } from "~/db/schema";
import {
  availableTransitions,
  checkTransition,
  isEnded,
  isTransitionName,
  transitionNames,
  type ReferralSide,
} from "./state-machine";

/** The lifecycle written out by hand, independent of the rule table it checks. */
const allowed: [status: string, transition: string, side: ReferralSide, to: string][] = [
  ["draft", "send", "sender", "sent"],
  ["sent", "accept", "receiver", "accepted"],
  ["sent", "decline", "receiver", "declined"],
  ["sent", "withdraw", "sender", "withdrawn"],
  ["sent", "revokeConsent", "sender", "consent_revoked"],
  ["accepted", "start", "receiver", "in_progress"],
  ["accepted", "withdraw", "sender", "withdrawn"],
  ["accepted", "revokeConsent", "sender", "consent_revoked"],
  ["in_progress", "complete", "receiver", "completed"],
  ["in_progress", "revokeConsent", "sender", "consent_revoked"],
];

const sides: ReferralSide[] = ["sender", "receiver"];
const everyCombination = referralStatuses.flatMap((status) =>
  transitionNames.flatMap((transition) => sides.map((side) => ({ status, transition, side }))),
);

describe("referral state machine", () => {
  it.each(allowed)("%s --%s by %s--> %s", (status, transition, side, to) => {
    expect(checkTransition(status as never, transition as never, side)).toEqual({ ok: true, to });
  });

  const forbidden = everyCombination.filter(
    ({ status, transition, side }) =>
      !allowed.some(([s, t, d]) => s === status && t === transition && d === side),
  );

  it("forbids every other combination of status, transition and side", () => {
    expect(forbidden.length).toBe(referralStatuses.length * transitionNames.length * 2 - 10);
    for (const { status, transition, side } of forbidden) {
      expect(checkTransition(status, transition, side).ok, `${status} ${transition} ${side}`).toBe(
        false,
      );
    }
  });

  it("names the other side's transitions as wrong side, not as a wrong status", () => {
    expect(checkTransition("sent", "accept", "sender")).toEqual({
      ok: false,
      problem: "wrong_side",
    });
    expect(checkTransition("accepted", "accept", "receiver")).toEqual({
      ok: false,
      problem: "not_from_this_status",
    });
  });

  it("has no way out of an end state", () => {
    for (const status of referralStatuses.filter(isEnded)) {
      for (const side of sides) expect(availableTransitions(status, side)).toEqual([]);
    }
    expect(referralStatuses.filter(isEnded)).toEqual([
      "declined",
      "completed",
      "withdrawn",
      "consent_revoked",
    ]);
  });

  it("offers each side its actions in lifecycle order", () => {
    expect(availableTransitions("sent", "receiver")).toEqual(["accept", "decline"]);
    expect(availableTransitions("sent", "sender")).toEqual(["withdraw", "revokeConsent"]);
    expect(availableTransitions("draft", "receiver")).toEqual([]);
  });

  it("recognises transition names from a form and nothing else", () => {
    expect(isTransitionName("accept")).toBe(true);
    expect(isTransitionName("toString")).toBe(false);
    expect(isTransitionName(null)).toBe(false);
  });

  it("reaches every status from a draft", () => {
    const reached = new Set<string>(["draft"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const { status, transition, side } of everyCombination) {
        const check = checkTransition(status, transition, side);
        if (reached.has(status) && check.ok && !reached.has(check.to)) {
          reached.add(check.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...referralStatuses].sort());
  });
});
