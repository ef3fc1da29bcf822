import { z } from "zod";
import { authTexts } from "~/auth/texts";

/**
 * Accepting an invitation: name and password. The password policy (length, strength, not the
 * e-mail address) needs the server's estimator and is checked by the action.
 */
export const acceptInvitationSchema = z
  .object({
    name: z.string().trim().min(2, authTexts.nameRequired).max(120),
    password: z.string().min(1, authTexts.passwordRequired),
    passwordConfirmation: z.string(),
  })
  .superRefine(({ password, passwordConfirmation }, context) => {
    if (password !== passwordConfirmation) {
      context.addIssue({
        code: "custom",
        path: ["passwordConfirmation"],
        message: authTexts.passwordMismatch,
      });
    }
  });
