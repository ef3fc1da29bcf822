import { formTexts } from "~/form-texts";
import { feedbackFor } from "#tests/helpers/forms";
import { resultFor } from "~/ui/portal-form";
import { formValues, readForm, unhandledIntent } from "~/forms.server";

const urlencoded = "application/x-www-form-urlencoded";

function formRequest(body: BodyInit | null, contentType: string | null = urlencoded) {
  const headers = new Headers();
  if (contentType) headers.set("content-type", contentType);
  return new Request("http://localhost/formular", { method: "POST", headers, body });
}

const encoded = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

async function refused(read: Awaited<ReturnType<typeof readForm>>) {
  if (read.ok) throw new Error("the form was accepted");
  return { status: read.response.status, ...feedbackFor(await read.response.json()) };
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

describe("field names conform would read as more than a field", () => {
  it.each([
    ["__intent__", '{"type":"unknown"}'],
    ["__state__", "garbage"],
    ["tags[20000000]", "x"],
    ["results[101].label", "x"],
    ["a.b.c.d.e", "x"],
    ["__proto__.polluted", "x"],
    ["a.constructor.prototype", "x"],
    ["results[0][__proto__]", "x"],
  ])(
    "refuses %s with 400 before any parser sees it, keeping the other values",
    async (name, value) => {
      const read = await readForm(
        formRequest(
          encoded([
            ["title", "Bleibt"],
            [name, value],
          ]),
        ),
      );
      const failure = await refused(read);
      expect(failure.status).toBe(400);
      expect(failure.errors).toEqual({ form: formTexts.unreadable });
      expect(failure.values).toEqual({ title: "Bleibt" });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it("lets the names of a table's rows through", async () => {
    const read = await readForm(
      formRequest(
        encoded([
          ["results[0].label", "Teilnehmende"],
          ["results[100].value", "12"],
        ]),
      ),
    );
    expect(read.ok).toBe(true);
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

describe("resultFor", () => {
  const unattributed = {
    status: "error" as const,
    initialValue: { title: "Hallo" },
    error: { "": [formTexts.unknownIntent] },
  };

  it("shows a message that names no form at every form, without another form's values", () => {
    expect(resultFor(unattributed, "create")).toEqual({
      status: "error",
      error: { "": [formTexts.unknownIntent] },
    });
    expect(resultFor(unattributed)).toBe(unattributed);
  });

  it("keeps a form's own answer to that form", () => {
    const own = {
      status: "error" as const,
      initialValue: { intent: "admit", name: "N" },
      error: { "": ["x"], name: ["y"] },
    };
    expect(resultFor(own, "admit")).toBe(own);
    expect(resultFor(own, "create")).toBeUndefined();
    expect(feedbackFor(own, "admit")).toEqual({
      intent: "admit",
      errors: { form: "x", name: "y" },
      values: { intent: "admit", name: "N" },
    });
  });

  it("takes nothing from an answer that is not a refused form", () => {
    expect(resultFor({ saved: true })).toBeUndefined();
    expect(resultFor(null)).toBeUndefined();
  });
});
