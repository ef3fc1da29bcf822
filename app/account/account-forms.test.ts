import type { z } from "zod";
import { authTexts } from "~/auth/texts";
import { parseSubmission } from "~/form-schema";
import {
  emailChangeSchema,
  passwordChangeSchema,
  passwordResetSchema,
  profileSchema,
} from "./account-forms";
import { accountTexts } from "./account-texts";

/** The schema's value, or the first message per field as the page shows it. */
function parseFields<Schema extends z.ZodTypeAny>(schema: Schema, fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  const submission = parseSubmission(formData, schema);
  if (submission.status === "success") return { ok: true, data: submission.value };
  const errors = Object.entries(submission.error ?? {}).map(([name, messages]) => [
    name,
    messages?.[0],
  ]);
  return { ok: false, errors: Object.fromEntries(errors) };
}

describe("Formulare von Mein Konto", () => {
  it("trims the profile and accepts the usual ways of writing a phone number", () => {
    for (const phone of ["0431 123456-7", "+49 (431) 123456", "03644/51900", ""]) {
      expect(
        parseFields(profileSchema, { name: "  Jana Kern ", jobTitle: " Beratung ", phone }),
      ).toEqual({ ok: true, data: { name: "Jana Kern", jobTitle: "Beratung", phone } });
    }
  });

  it("refuses letters in the phone number and an overlong Funktion", () => {
    expect(
      parseFields(profileSchema, {
        name: "Jana Kern",
        jobTitle: "x".repeat(121),
        phone: "0431 ab",
      }),
    ).toEqual({
      ok: false,
      errors: { jobTitle: accountTexts.jobTitleTooLong, phone: accountTexts.phoneInvalid },
    });
  });

  it("asks for a valid new address", () => {
    expect(parseFields(emailChangeSchema, { email: "jana.kern" })).toEqual({
      ok: false,
      errors: { email: authTexts.emailInvalid },
    });
  });

  it("asks for the repeated password to match, on both password forms", () => {
    expect(
      parseFields(passwordResetSchema, {
        password: "eins-zwei-drei",
        passwordConfirmation: "eins",
      }),
    ).toEqual({ ok: false, errors: { passwordConfirmation: authTexts.passwordMismatch } });
    expect(
      parseFields(passwordChangeSchema, {
        currentPassword: "",
        newPassword: "eins-zwei-drei",
        passwordConfirmation: "eins-zwei-drei",
      }),
    ).toEqual({ ok: false, errors: { currentPassword: accountTexts.currentPasswordRequired } });
  });
});
