import { type OrganizationKind } from "~/db/vocabularies";

/**
 * Services whose staff are bound by § 203 StGB (Berufsgeheimnisträger): addiction and debt
 * counselling and psychosocial services. What flows back from them to the sender is limited to
 * status, dates and outcome codes unless the client's consent explicitly covers feedback content.
 * Whether a referral's receiver is bound is fixed when it is sent (`receiverSecrecyBound`, see
 * professional-secrecy.server.ts): a kind changed later must not open notes written before.
 */
export const secrecyBoundKinds: readonly OrganizationKind[] = [
  "suchtberatung",
  "schuldnerberatung",
  "psychosozialer_dienst",
];

export function isSecrecyBound(kind: OrganizationKind): boolean {
  return secrecyBoundKinds.includes(kind);
}

/** Whether the sender may read notes the receiving organisation wrote. */
export function senderMayReadReceiverNotes(
  receiverSecrecyBound: boolean,
  consentCoversFeedback: boolean,
): boolean {
  return !receiverSecrecyBound || consentCoversFeedback;
}
