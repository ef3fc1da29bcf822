import { describe, expect, it } from "vitest";
import { parseSubmission } from "~/form-schema";
import { pseudonymTexts } from "./pseudonym";
import { referralSchema } from "./referral-form";
import { referralTexts as texts } from "./texts";

const today = "2026-03-10";
const serviceId = "5c1f3c1e-8a3b-4c7d-9e2f-0a1b2c3d4e5f";
const organizationId = "0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70";

const referral = {
  serviceId,
  pseudonym: "M.  K.",
  ageBand: "25_bis_34",
  reason: "Mietschulden",
  urgency: "normal",
  contactPreference: "telefon",
};
/** As the page prefills it: who obtained the consent and today. */
const prefilled = { consentObtainedBy: "Petra Sommer", consentObtainedOn: today };
const emptyConsent = {
  ...prefilled,
  consentForm: "",
  consentOrganizationId: "",
  consentPurpose: "",
  consentValidUntil: "",
};
const consent = {
  ...prefilled,
  consentForm: "schriftlich",
  consentOrganizationId: organizationId,
  consentPurpose: "Schuldnerberatung",
  consentValidUntil: "2027-03-10",
};

function submit(intent: string | null, fields: Record<string, string>, needs: string[]) {
  const formData = new FormData();
  if (intent) formData.append("intent", intent);
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  for (const need of needs) formData.append("needs", need);
  return parseSubmission(formData, referralSchema(today));
}

const errorsOf = (submission: ReturnType<typeof submit>) =>
  (submission.status === "success" ? null : submission.error) ?? {};

describe("the referral form", () => {
  it("keeps a draft without a consent and reads the referral's fields", () => {
    const submission = submit("draft", { ...referral, ...emptyConsent }, [
      "suchtberatung",
      "schuldnerberatung",
    ]);
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({
      referral: {
        ...referral,
        pseudonym: "M. K.",
        needs: ["suchtberatung", "schuldnerberatung"],
      },
      consent: null,
    });
  });

  it("asks for the whole consent when the referral is to be sent", () => {
    expect(errorsOf(submit("send", { ...referral, ...emptyConsent }, ["suchtberatung"]))).toEqual({
      consentForm: [texts.consentFormInvalid],
      consentOrganizationId: [texts.consentOrganizationInvalid],
      consentPurpose: [texts.consentPurposeRequired],
      consentValidUntil: [texts.consentValidUntilInvalid],
    });
  });

  it("asks for the whole consent once a field of it was filled, also in a draft", () => {
    const started = { ...emptyConsent, consentPurpose: "Schuldnerberatung" };
    expect(errorsOf(submit("draft", { ...referral, ...started }, ["suchtberatung"]))).toEqual({
      consentForm: [texts.consentFormInvalid],
      consentOrganizationId: [texts.consentOrganizationInvalid],
      consentValidUntil: [texts.consentValidUntilInvalid],
    });
  });

  it("checks a started consent while the form is filled in, before any button is pressed", () => {
    const started = { ...emptyConsent, consentForm: "schriftlich" };
    expect(
      Object.keys(errorsOf(submit(null, { ...referral, ...started }, ["suchtberatung"]))),
    ).toEqual(["consentOrganizationId", "consentPurpose", "consentValidUntil"]);
    expect(submit(null, { ...referral, ...emptyConsent }, ["suchtberatung"]).status).toBe(
      "success",
    );
  });

  it("names every problem of the referral and of its consent at once", () => {
    const errors = errorsOf(
      submit(
        "send",
        { ...referral, pseudonym: "12345BG0012345", ...consent, consentObtainedOn: "2026-03-11" },
        [],
      ),
    );
    expect(errors).toEqual({
      pseudonym: [pseudonymTexts.bgNumber],
      needs: [texts.needsRequired],
      consentObtainedOn: [texts.consentDateInFuture],
    });
  });

  it("refuses a need that is not in the list at the group", () => {
    expect(errorsOf(submit("draft", { ...referral, ...emptyConsent }, ["lotto"]))).toEqual({
      needs: [texts.needsRequired],
    });
  });

  it("reads the consent with its feedback box", () => {
    for (const [box, coversFeedback] of [
      [{ consentCoversFeedback: "on" }, true],
      [{}, false],
    ] as const) {
      const submission = submit("send", { ...referral, ...consent, ...box }, ["suchtberatung"]);
      expect(submission.status === "success" && submission.value.consent).toEqual({
        ...consent,
        consentCoversFeedback: coversFeedback,
      });
    }
  });

  it("refuses a consent that runs longer than 24 months", () => {
    expect(
      errorsOf(
        submit("send", { ...referral, ...consent, consentValidUntil: "2028-03-11" }, [
          "suchtberatung",
        ]),
      ),
    ).toEqual({ consentValidUntil: [texts.consentValidUntilTooLate] });
  });
});
