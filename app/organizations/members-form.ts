import { z } from "zod";
import { memberRoles } from "~/db/vocabularies";
import { organizationTexts } from "./texts";

/** The forms of the members page, told apart by `intent`. */
export const memberPageIntents = ["invite", "changeRole", "deactivate"] as const;

const role = z.enum(memberRoles, { errorMap: () => ({ message: organizationTexts.roleInvalid }) });

/** Whether the organisation's kind offers the role is checked by the action. */
export const inviteSchema = z.object({
  email: z.string().trim().email(organizationTexts.emailInvalid),
  role,
});

/** A member's row; a malformed id answers 404 like an unknown one, on the server. */
export const memberSchema = z.object({ userId: z.string().default("") });

export const changeRoleSchema = memberSchema.extend({ role });
