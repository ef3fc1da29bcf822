import { describe, expect, it } from "vitest";
import { parseSubmission } from "~/form-schema";
import { referralTexts as texts } from "~/referrals/texts";
import { serviceFormValues, serviceSchema } from "./service-form";

function submit(fields: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of fields) formData.append(name, value);
  return parseSubmission(formData, serviceSchema);
}

const described: [string, string][] = [
  ["name", "Budgetberatung"],
  ["category", "schuldnerberatung"],
  ["description", "  Offene Sprechstunde  "],
  ["languages", "Deutsch, Arabisch,, Ukrainisch "],
  ["responseWorkingDays", "5"],
];

describe("the service form", () => {
  it("reads the boxes, the languages and the response time", () => {
    const submission = submit([
      ...described,
      ["targetGroups", "U25"],
      ["targetGroups", "Alleinerziehende"],
      ["acceptsReferrals", "on"],
    ]);
    expect(submission.status === "success" && submission.value).toEqual({
      name: "Budgetberatung",
      category: "schuldnerberatung",
      description: "Offene Sprechstunde",
      targetGroups: ["U25", "Alleinerziehende"],
      languages: ["Deutsch", "Arabisch", "Ukrainisch"],
      acceptsReferrals: true,
      responseWorkingDays: 5,
    });
  });

  it("reads boxes left unticked as none", () => {
    const submission = submit(described);
    expect(submission.status === "success" && submission.value).toMatchObject({
      targetGroups: [],
      acceptsReferrals: false,
    });
  });

  it.each(["", "0", "61", "2,5", "fünf"])("refuses %j working days", (days) => {
    const submission = submit([
      ...described.filter(([name]) => name !== "responseWorkingDays"),
      ["responseWorkingDays", days],
    ]);
    expect(submission.status !== "success" && submission.error).toEqual({
      responseWorkingDays: [texts.responseDaysInvalid],
    });
  });

  it("asks for a name and a category from the list", () => {
    const submission = submit([
      ["name", "  "],
      ["category", "lotto"],
      ["responseWorkingDays", "5"],
    ]);
    expect(submission.status !== "success" && submission.error).toEqual({
      name: [texts.serviceNameRequired],
      category: [texts.categoryInvalid],
    });
  });

  it("shows a stored service's languages as the line they were typed in", () => {
    expect(
      serviceFormValues({ name: "Budgetberatung", languages: ["Deutsch", "Arabisch"] }),
    ).toEqual({
      name: "Budgetberatung",
      languages: "Deutsch, Arabisch",
    });
  });
});
