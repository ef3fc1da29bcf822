import { z } from "zod";
import { checkbox } from "~/form-schema";
import { ssoTexts } from "./texts";

/** The forms of the identity-provider administration, told apart by `intent`. */
export const providerIntents = ["save", "enable", "disable"] as const;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "landkreis.example, @Jobcenter.example" → ["landkreis.example", "jobcenter.example"]. */
export function parseDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  return [...new Set(domains)];
}

const allowedDomains = z
  .string({ required_error: ssoTexts.domainsRequired })
  .transform((text, context) => {
    const domains = parseDomains(text);
    if (domains.length === 0)
      context.addIssue({ code: "custom", message: ssoTexts.domainsRequired });
    const invalid = domains.find((domain) => !DOMAIN.test(domain));
    if (invalid) context.addIssue({ code: "custom", message: ssoTexts.domainInvalid(invalid) });
    return domains;
  });

/**
 * A new identity provider or changes to one. The secret is never shown again: on edit an empty
 * field keeps the stored one (`clientSecret` is then ""), on create it is required by the action.
 * Whether an http:// issuer is allowed depends on the server (OIDC_ALLOW_INSECURE_ISSUER): the
 * action checks it.
 */
export const providerSchema = z.object({
  displayName: z
    .string({ required_error: ssoTexts.displayNameRequired })
    .trim()
    .min(2, ssoTexts.displayNameRequired)
    .max(100),
  issuer: z
    .string({ required_error: ssoTexts.issuerInvalid })
    .trim()
    .url(ssoTexts.issuerInvalid)
    .refine((value) => /^https?:\/\//.test(value), ssoTexts.issuerInvalid),
  clientId: z
    .string({ required_error: ssoTexts.clientIdRequired })
    .trim()
    .min(1, ssoTexts.clientIdRequired)
    .max(500),
  clientSecret: z.string().trim().max(2000).default(""),
  allowedDomains,
  organizationId: z
    .string({ required_error: ssoTexts.organizationRequired })
    .uuid(ssoTexts.organizationRequired),
  createsUnknownUsers: checkbox(),
});

export type ProviderInput = z.infer<typeof providerSchema>;
