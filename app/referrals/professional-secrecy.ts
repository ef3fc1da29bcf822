import type { OrganizationKind } from "~/db/schema";

/**
 * Services whose staff are bound by § 203 StGB (Berufsgeheimnisträger): addiction and debt
 * counselling and psychosocial services. What flows back from them to the sender is limited to
 * status, dates and outcome codes unless the client's consent explicitly covers feedback content.
 */
const secrecyBoundKinds: readonly OrganizationKind[] = [
  "suchtberatung",
  "schuldnerberatung",
  "psychosozialer_dienst",
];

export function isSecrecyBound(kind: OrganizationKind): boolean {
  return secrecyBoundKinds.includes(kind);
}

/** Whether the sender may read notes the receiving organisation wrote. */
export function senderMayReadReceiverNotes(
  receiverKind: OrganizationKind,
  consentCoversFeedback: boolean,
): boolean {
  return !isSecrecyBound(receiverKind) || consentCoversFeedback;
}
