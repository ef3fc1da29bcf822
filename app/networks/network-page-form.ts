import { z } from "zod";
import {
  organizationKindField,
  organizationProfileSchema,
} from "~/organizations/organization-form";
import { networkTexts } from "./texts";

/** The forms of a network's page, told apart by `intent` (retention: ~/referrals/retention-form). */
export const networkPageIntents = ["changeKind", "retention", "admit", "create", "remove"] as const;
export type NetworkPageIntent = (typeof networkPageIntents)[number];

export const admitSchema = z.object({
  organizationId: z.string().uuid(networkTexts.organizationRequired),
});

/** A new organisation, admitted at once, and the person invited as its administration. */
export const newOrganizationSchema = organizationProfileSchema
  .pick({ name: true, city: true })
  .extend({
    kind: organizationKindField,
    adminEmail: z.string().trim().email(networkTexts.adminEmailInvalid),
  });

/** Removing an organisation; a malformed id answers 404 like an unknown one, on the server. */
export const removeOrganizationSchema = z.object({ organizationId: z.string().default("") });

/** The organisation's id is read (and authorized) by the action before its new kind. */
export const changeKindSchema = z.object({ kind: organizationKindField });
