import { formTexts } from "~/form-texts";
import { feedbackFor } from "~/ui/form";
import { formValues, readForm, unhandledIntent, type FormFailure } from "./forms.server";

const urlencoded = "application/x-www-form-urlencoded";

function formRequest(body: BodyInit | null, contentType: string | null = urlencoded) {
  const headers = new Headers();
  if (contentType) headers.set("content-type", contentType);
  return new Request("http://localhost/formular", { method: "POST", headers, body });
}

const encoded = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

async function refused(read: Awaited<ReturnType<typeof readForm>>) {
  if (read.ok) throw new Error("the form was accepted");
  return { status: read.response.status, ...((await read.response.json()) as FormFailure) };
}

describe("readForm", () => {
  it("reads a URL-encoded form and its intent", async () => {
    const read = await readForm(
      formRequest(
        encoded([
          ["intent", "send"],
          ["title", "Hallo"],
        ]),
      ),
      {
        intents: ["send", "draft"],
      },
    );
    expect(read.ok && read.intent).toBe("send");
    expect(read.ok && read.formData.get("title")).toBe("Hallo");
  });

  it("reads a multipart form and a content type with parameters", async () => {
    const multipart = new FormData();
    multipart.set("title", "Grüße");
    const read = await readForm(
      new Request("http://localhost/", { method: "POST", body: multipart }),
    );
    expect(read.ok && read.formData.get("title")).toBe("Grüße");
    const withCharset = await readForm(
      formRequest(encoded([["title", "Hallo"]]), `${urlencoded}; charset=UTF-8`),
    );
    expect(withCharset.ok).toBe(true);
  });

  it.each([
    ["JSON", "application/json", '{"title":"Hallo"}'],
    ["text/plain", "text/plain;charset=UTF-8", "title=Hallo"],
    ["no content type", null, new TextEncoder().encode("title=Hallo")],
    ["multipart without boundary", "multipart/form-data", "--x\r\n"],
    ["multipart with another boundary", "multipart/form-data; boundary=a", "--b\r\n\r\nx\r\n--b--"],
  ])("refuses %s with a German message and no values", async (_name, type, body) => {
    expect(await refused(await readForm(formRequest(body, type)))).toEqual({
      status: 400,
      errors: { form: formTexts.unreadable },
      values: {},
    });
  });

  describe("size limit", () => {
    it("takes a body of exactly the limit", async () => {
      const body = encoded([["title", "x".repeat(994)]]);
      expect(body.length).toBe(1000);
      expect((await readForm(formRequest(body), { maxBytes: 1000 })).ok).toBe(true);
    });

    it("answers 413 for one byte more, announced or not", async () => {
      const body = encoded([["title", "x".repeat(995)]]);
      const expected = { status: 413, errors: { form: formTexts.tooLarge(1000) }, values: {} };
      expect(await refused(await readForm(formRequest(body), { maxBytes: 1000 }))).toEqual(
        expected,
      );
      const announced = formRequest(body);
      announced.headers.set("content-length", String(body.length));
      expect(await refused(await readForm(announced, { maxBytes: 1000 }))).toEqual(expected);
    });

    it("answers at the limit, without waiting for the rest of a long body", async () => {
      let pulled = 0;
      const long = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          if (pulled > 10_000) controller.close();
          else controller.enqueue(new TextEncoder().encode("title=xxxxxxxxxx&"));
        },
      });
      const request = new Request("http://localhost/", {
        method: "POST",
        headers: { "content-type": urlencoded },
        body: long,
        duplex: "half",
      } as RequestInit);
      expect((await refused(await readForm(request, { maxBytes: 1000 }))).status).toBe(413);
      expect(pulled).toBeLessThan(100);
    });
  });

  describe("characters that cannot be stored", () => {
    it("refuses a NUL byte at its field, keeps what was typed and names the form", async () => {
      const body = encoded([
        ["intent", "invite"],
        ["name", "Petra\u0000Sommer"],
        ["email", "petra@example.org"],
        ["password", "geheim"],
      ]);
      expect(await refused(await readForm(formRequest(body), { intents: ["invite"] }))).toEqual({
        status: 400,
        intent: "invite",
        errors: { form: formTexts.invalidCharacters, name: formTexts.invalidCharactersField },
        values: { intent: "invite", name: "Petra\uFFFDSommer", email: "petra@example.org" },
      });
    });

    it("refuses NUL and unpaired surrogates escaped inside JSON, and shows where they were", async () => {
      const document = (text: string) =>
        `{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"${text}"}]}]}`;
      for (const escape of ["\\u0000", "\\ud800", "\\udc00"]) {
        const failure = await refused(
          await readForm(formRequest(encoded([["body", document(`a${escape}b`)]]))),
        );
        expect(failure.errors.body).toBe(formTexts.invalidCharactersField);
        expect(failure.values.body).toBe(document("a\uFFFDb"));
      }
      const keyEscape = await refused(
        await readForm(formRequest(encoded([["body", '{"\\u0000":1}']]))),
      );
      expect(keyEscape.errors.body).toBe(formTexts.invalidCharactersField);
    });

    it("takes surrogate pairs, escaped or not, and text that only looks like an escape", async () => {
      const read = await readForm(
        formRequest(
          encoded([
            ["emoji", "Gut gemacht 😀"],
            ["body", '{"text":"\\ud83d\\ude00"}'],
            ["path", "C:\\u0000 ist kein JSON"],
          ]),
        ),
      );
      expect(read.ok).toBe(true);
    });
  });

  describe("duplicated fields", () => {
    it("refuses a single-valued field sent twice, keeping the first value as FormData.get does", async () => {
      const body = encoded([
        ["title", "Erster"],
        ["title", "Zweiter"],
        ["summary", "Kurz"],
      ]);
      expect(await refused(await readForm(formRequest(body)))).toEqual({
        status: 400,
        errors: { form: formTexts.duplicates, title: formTexts.duplicateField },
        values: { title: "Erster", summary: "Kurz" },
      });
    });

    it("takes the fields the form sends more than once", async () => {
      const body = encoded([
        ["needs", "wohnen"],
        ["needs", "schulden"],
      ]);
      const read = await readForm(formRequest(body), { multiValued: ["needs"] });
      expect(read.ok && read.formData.getAll("needs")).toEqual(["wohnen", "schulden"]);
    });
  });

  describe("intent", () => {
    it.each([
      ["missing", [["title", "Hallo"]]],
      [
        "unknown",
        [
          ["intent", "allesLoeschen"],
          ["title", "Hallo"],
        ],
      ],
      [
        "duplicated with an unknown first",
        [
          ["intent", "x"],
          ["intent", "send"],
          ["title", "Hallo"],
        ],
      ],
    ] as [string, [string, string][]][])(
      "refuses a %s intent and names no form, so every form shows the message",
      async (_name, pairs) => {
        const failure = await refused(
          await readForm(formRequest(encoded(pairs)), { intents: ["send", "draft"] }),
        );
        expect(failure).toMatchObject({ status: 400, errors: { form: formTexts.unknownIntent } });
        expect(failure.intent).toBeUndefined();
        expect(failure.values.title).toBe("Hallo");
      },
    );

    it("ignores an intent where the action has none", async () => {
      const read = await readForm(formRequest(encoded([["intent", "irgendwas"]])));
      expect(read.ok).toBe(true);
    });
  });
});

describe("formValues", () => {
  it("takes the first of repeated values, as FormData.get does", () => {
    const formData = new FormData();
    formData.append("title", "Erster");
    formData.append("title", "Zweiter");
    expect(formValues(formData).title).toBe(formData.get("title"));
  });
});

describe("unhandledIntent", () => {
  it("throws: reaching it means an intent was let through without a branch", () => {
    expect(() => unhandledIntent("x" as never)).toThrow();
  });
});

describe("feedbackFor", () => {
  const unattributed = { errors: { form: formTexts.unknownIntent }, values: { title: "Hallo" } };

  it("shows a message that names no form at every form, without another form's values", () => {
    expect(feedbackFor(unattributed, "create")).toEqual({ errors: unattributed.errors });
    expect(feedbackFor(unattributed)).toEqual(unattributed);
  });

  it("keeps a form's own feedback to that form", () => {
    const own = { intent: "admit", errors: { form: "x", name: "y" }, values: {} };
    expect(feedbackFor(own, "admit")).toEqual(own);
    expect(feedbackFor(own, "create")).toEqual({});
  });
});
