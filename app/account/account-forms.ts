import { z } from "zod";
import { authTexts } from "~/auth/texts";
import { optionalText } from "~/form-schema";
import { accountTexts } from "./account-texts";

/*
 * The forms of "Passwort vergessen" and "Mein Konto", checked in the browser and again by the
 * actions. The password policy (length, strength, not the e-mail address) needs the server's
 * estimator and is checked by the capability.
 */

const email = z.string().trim().min(1, authTexts.emailRequired).email(authTexts.emailInvalid);

/** The repeated field of a new password must match the new password `field`. */
function confirms<Field extends string>(field: Field) {
  return (value: Record<Field | "passwordConfirmation", string>, context: z.RefinementCtx) => {
    if (value[field] === value.passwordConfirmation) return;
    context.addIssue({
      code: "custom",
      path: ["passwordConfirmation"],
      message: authTexts.passwordMismatch,
    });
  };
}

/** "Passwort vergessen": the address the link goes to. */
export const passwordResetRequestSchema = z.object({ email });

/** The page behind the link: the new password, twice. */
export const passwordResetSchema = z
  .object({
    password: z.string().min(1, accountTexts.newPasswordRequired),
    passwordConfirmation: z.string(),
  })
  .superRefine(confirms("password"));

/** The forms of "Mein Konto", told apart by `intent`. */
export const accountPageIntents = ["profile", "email", "password"] as const;

export const profileSchema = z.object({
  name: z.string().trim().min(2, authTexts.nameRequired).max(120, accountTexts.nameTooLong),
  jobTitle: optionalText(120, accountTexts.jobTitleTooLong),
  phone: optionalText(60, accountTexts.phoneTooLong).refine(
    (phone) => /^[0-9+()/\- ]*$/.test(phone),
    accountTexts.phoneInvalid,
  ),
});

/** The current password is asked only of people who have one: the action checks it. */
export const emailChangeSchema = z.object({ email, currentPassword: z.string().default("") });

/** The page behind the link to a new address has only its button. */
export const emailConfirmationSchema = z.object({});

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, accountTexts.currentPasswordRequired),
    newPassword: z.string().min(1, accountTexts.newPasswordRequired),
    passwordConfirmation: z.string(),
  })
  .superRefine(confirms("newPassword"));
