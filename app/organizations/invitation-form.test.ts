import { describe, expect, it } from "vitest";
import { authTexts } from "~/auth/texts";
import { parseSubmission } from "~/form-schema";
import { acceptInvitationSchema } from "./invitation-form";

function submit(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  return parseSubmission(formData, acceptInvitationSchema);
}

describe("accepting an invitation", () => {
  it("takes a trimmed name and the password twice", () => {
    const submission = submit({
      name: "  Maria Neu ",
      password: "Beratung-im-Netzwerk-2026",
      passwordConfirmation: "Beratung-im-Netzwerk-2026",
    });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value.name).toBe("Maria Neu");
  });

  it("tells in the browser already that the two passwords differ", () => {
    const submission = submit({
      name: "Maria Neu",
      password: "Beratung-im-Netzwerk-2026",
      passwordConfirmation: "Beratung-im-Netzwerk-2025",
    });
    expect(submission.status !== "success" && submission.error).toEqual({
      passwordConfirmation: [authTexts.passwordMismatch],
    });
  });

  it("asks for name and password in German, also with the rest of the form wrong", () => {
    const submission = submit({ name: "M", password: "", passwordConfirmation: "anders" });
    expect(submission.status !== "success" && submission.error).toEqual({
      name: [authTexts.nameRequired],
      password: [authTexts.passwordRequired],
      passwordConfirmation: [authTexts.passwordMismatch],
    });
  });
});
