import { z } from "zod";
import { organizationKinds } from "~/db/vocabularies";
import { organizationTexts } from "./texts";

/**
 * What the organisation's admin edits. The kind is not among it: it decides § 203 secrecy and
 * whether the organisation's people act as employers (see changeOrganizationKind).
 */
export const organizationProfileSchema = z.object({
  name: z.string().trim().min(2, organizationTexts.nameRequired).max(200),
  city: z.string().trim().max(120).default(""),
  description: z.string().trim().max(2000).default(""),
  contactEmail: z
    .string()
    .trim()
    .max(200)
    .refine((value) => value === "" || z.string().email().safeParse(value).success, {
      message: organizationTexts.emailInvalid,
    })
    .default(""),
  phone: z.string().trim().max(60).default(""),
  website: z
    .string()
    .trim()
    .max(300)
    .refine((value) => value === "" || /^https?:\/\/[^\s]+\.[^\s]+$/.test(value), {
      message: organizationTexts.websiteInvalid,
    })
    .default(""),
});
export type OrganizationProfile = z.infer<typeof organizationProfileSchema>;

export const organizationKindField = z.enum(organizationKinds, {
  errorMap: () => ({ message: organizationTexts.kindInvalid }),
});
