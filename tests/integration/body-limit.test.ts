import express from "express";
import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { formTexts } from "~/form-texts";
import { feedbackFor } from "#tests/helpers/forms";
import { bodyLimit } from "../../server/body-limit";

const limit = 64 * 1024;
let server: Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(bodyLimit(limit, formTexts));
  app.post("/{*splat}", (req, res) => {
    req.resume();
    req.on("end", () => res.type("text").send("angenommen"));
  });
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Announces `declared` bytes and sends `sent`: the answer must not wait for the rest. */
function post(path: string, declared: number, sent = declared) {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const request = httpRequest(
      { port, path, method: "POST", headers: { "content-length": String(declared) } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            type: String(response.headers["content-type"]),
            body,
          }),
        );
      },
    );
    request.on("error", reject);
    request.write("x".repeat(sent));
  });
}

describe("bodyLimit", () => {
  it("answers an announced 50 MB body with a German 413 page before the body arrives", async () => {
    const answer = await post("/ideen/neu", 50 * 1024 * 1024, 0);
    expect(answer.status).toBe(413);
    expect(answer.type).toMatch(/^text\/html/);
    expect(answer.body).toContain('<html lang="de">');
    expect(answer.body).toContain(formTexts.tooLarge(limit));
  });

  it("answers Remix's fetches with the form-failure JSON their page shows", async () => {
    const answer = await post("/ideen/neu?_data=routes%2F_app.ideen.neu", limit + 1, 0);
    expect(answer.status).toBe(413);
    expect(feedbackFor(JSON.parse(answer.body))).toEqual({
      intent: undefined,
      errors: { form: formTexts.tooLarge(limit) },
      values: {},
    });
  });

  it("lets a body up to the limit through", async () => {
    const answer = await post("/ideen/neu", limit);
    expect(answer).toMatchObject({ status: 200, body: "angenommen" });
  });
});
