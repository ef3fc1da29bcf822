import { describe, expect, it } from "vitest";
import { parseSubmission } from "~/form-schema";
import { channelSchema, newChannelSchema } from "./channel-form";
import { newThreadSchema, postSchema, reportSchema } from "./post-form";
import { discussionTexts as texts, MAX_POST_TEXT } from "./texts";

function formOf(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  return formData;
}

function errorsOf(submission: { status?: string; error?: Record<string, string[] | null> | null }) {
  return submission.status === "success" ? {} : (submission.error ?? {});
}

const paragraph = (text: string) =>
  JSON.stringify({
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text }] }],
  });

describe("the post form", () => {
  it("takes the editor's document, else the text typed without JavaScript", () => {
    const fromEditor = parseSubmission(
      formOf({ body: paragraph("Hallo"), bodyText: "" }),
      postSchema,
    );
    expect(fromEditor.status).toBe("success");
    const fromText = parseSubmission(formOf({ body: "", bodyText: "Zeile" }), postSchema);
    expect(fromText.status === "success" && fromText.value.body.content).toHaveLength(1);
  });

  it("refuses an empty post, an empty document and a post that is too long", () => {
    expect(errorsOf(parseSubmission(formOf({ bodyText: "  " }), postSchema))).toEqual({
      body: [texts.postRequired],
    });
    expect(errorsOf(parseSubmission(formOf({ body: paragraph(" ") }), postSchema))).toEqual({
      body: [texts.postRequired],
    });
    const long = parseSubmission(formOf({ bodyText: "x".repeat(MAX_POST_TEXT + 1) }), postSchema);
    expect(errorsOf(long)).toEqual({ body: [texts.postTooLong] });
  });

  it("refuses JSON that is not an allowed document", () => {
    const refused = parseSubmission(formOf({ body: '{"type":"doc","content":"x"}' }), postSchema);
    expect(errorsOf(refused)).toHaveProperty("body");
  });

  it("a new thread answers for its title and its post at once", () => {
    const refused = parseSubmission(formOf({ title: "a", bodyText: "" }), newThreadSchema);
    expect(errorsOf(refused)).toEqual({
      title: [texts.titleRequired],
      body: [texts.postRequired],
    });
    const started = parseSubmission(
      formOf({ title: "  Sprachkurse ", bodyText: "Wer?" }),
      newThreadSchema,
    );
    expect(started.status === "success" && started.value.title).toBe("Sprachkurse");
  });

  it("a report needs a reason", () => {
    expect(errorsOf(parseSubmission(formOf({ reason: " " }), reportSchema))).toEqual({
      reason: [texts.reportReasonRequired],
    });
  });
});

describe("the channel form", () => {
  it("trims, and leaves the channel closed to employers when nothing is chosen", () => {
    const submission = parseSubmission(
      formOf({ name: " Allgemein ", description: "" }),
      channelSchema,
    );
    expect(submission.status === "success" && submission.value).toEqual({
      name: "Allgemein",
      description: "",
      employerAccess: "none",
    });
  });

  it("words its own messages", () => {
    const refused = parseSubmission(
      formOf({ networkId: "n", name: "A", description: "x".repeat(301), employerAccess: "x" }),
      newChannelSchema,
    );
    expect(errorsOf(refused)).toEqual({
      name: [texts.channelNameRequired],
      description: [texts.channelDescriptionTooLong],
      employerAccess: [texts.employerAccessInvalid],
    });
  });
});
