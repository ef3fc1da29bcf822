import { describe, expect, it } from "vitest";
import { parseSubmission } from "~/form-schema";
import { adoptionSchema } from "./adoption-form";
import { ideaSchema } from "./idea-form";
import { ideaTexts as texts } from "./texts";

const networkId = "5c1f3c1e-8a3b-4c7d-9e2f-0a1b2c3d4e5f";

const idea = {
  title: "  Speed-Dating mit Betrieben ",
  summary: "Arbeitgeber treffen Bewerberinnen.",
  bodyText: "Zehn Betriebe, vierzig Gespräche.",
  region: "",
  period: "",
  contactName: "Petra Sommer",
  contactEmail: "",
  contactPhone: "",
  visibility: "network",
  networkId,
};

/** The form as the browser sends it: each ticked box and each results row as its own field. */
function submit(
  fields: Record<string, string>,
  lists: Record<string, string[]> = {},
  results: [string, string][] = [],
) {
  const formData = new FormData();
  formData.append("intent", "publish");
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  for (const [name, values] of Object.entries(lists)) {
    for (const value of values) formData.append(name, value);
  }
  results.forEach(([label, value], row) => {
    formData.append(`results[${row}].label`, label);
    formData.append(`results[${row}].value`, value);
  });
  return parseSubmission(formData, ideaSchema);
}

const errorsOf = (submission: ReturnType<typeof submit>) =>
  submission.status === "success" ? {} : submission.error;

describe("the idea form", () => {
  it("reads the fields, the ticked boxes, the results rows and the text typed without JavaScript", () => {
    const submission = submit(
      idea,
      { targetGroups: ["U25"], fieldsOfAction: ["Jugendliche integrieren"] },
      [
        ["Teilnehmende", " 15 "],
        ["", ""],
        ["Praktika", "13"],
      ],
    );
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({
      title: "Speed-Dating mit Betrieben",
      targetGroups: ["U25"],
      fieldsOfAction: ["Jugendliche integrieren"],
      partnerKinds: [],
      funding: [],
      results: [
        { label: "Teilnehmende", value: "15" },
        { label: "Praktika", value: "13" },
      ],
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [{ type: "text", text: "Zehn Betriebe, vierzig Gespräche." }],
          },
        ],
      },
    });
  });

  it("takes the editor's document before the fallback text", () => {
    const body = JSON.stringify({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Aus dem Editor" }] }],
    });
    const submission = submit({ ...idea, body });
    expect(submission.status === "success" && submission.value.body).toEqual(JSON.parse(body));
  });

  it("words every message at once, the description's among the others", () => {
    const submission = submit(
      { ...idea, title: "ab", bodyText: " ", contactEmail: "keine-adresse", visibility: "alle" },
      {},
      [["Teilnehmende", ""]],
    );
    expect(errorsOf(submission)).toEqual({
      title: [texts.titleRequired],
      body: [texts.bodyRequired],
      contactEmail: [texts.contactEmailInvalid],
      visibility: [texts.visibilityInvalid],
      results: [texts.resultIncomplete],
    });
  });

  it("refuses a value that is not in a list at the group, not at the box", () => {
    const submission = submit(idea, { targetGroups: ["U25", "Alle"], funding: ["Lotto"] });
    expect(errorsOf(submission)).toEqual({
      targetGroups: [texts.vocabularyInvalid],
      funding: [texts.vocabularyInvalid],
    });
  });

  it("refuses results rows that are too long or too many", () => {
    const long = "x".repeat(81);
    expect(errorsOf(submit(idea, {}, [["Teilnehmende", long]]))).toEqual({
      results: [texts.resultTooLong],
    });
    const eleven = Array.from({ length: 11 }, (_, row): [string, string] => [`Zahl ${row}`, "1"]);
    expect(errorsOf(submit(idea, {}, eleven))).toEqual({ results: [texts.tooManyResults] });
  });
});

describe("the adoption form", () => {
  it("takes an optional note of at most 500 characters", () => {
    const formData = (note?: string) => {
      const data = new FormData();
      data.append("intent", "adopt");
      if (note !== undefined) data.append("note", note);
      return data;
    };
    const empty = parseSubmission(formData(), adoptionSchema);
    expect(empty.status === "success" && empty.value).toEqual({ note: "" });
    const long = parseSubmission(formData("x".repeat(501)), adoptionSchema);
    expect(long.status !== "success" && long.error).toEqual({ note: [texts.adoptionNoteTooLong] });
  });
});
