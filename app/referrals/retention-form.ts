import { z } from "zod";
import { referralTexts as texts } from "./texts";

/** The coordinator's retention period for ended referrals, in months. */
export const retentionSchema = z.object({
  months: z.coerce
    .number({ invalid_type_error: texts.retentionInvalid })
    .int(texts.retentionInvalid)
    .min(1, texts.retentionInvalid)
    .max(120, texts.retentionInvalid),
});
