import { z } from "zod";
import { authTexts } from "./texts";

/** The login form, checked in the browser and again by the action. */
export const loginSchema = z.object({
  email: z.string().trim().min(1, authTexts.emailRequired).email(authTexts.emailInvalid),
  password: z.string().min(1, authTexts.passwordRequired),
  weiter: z.string().optional(),
});
