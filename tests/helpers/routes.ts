import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { expect } from "vitest";
import { runInRequestScope } from "~/request-context.server";
import { feedbackFor, type FormFeedback } from "#tests/helpers/forms";
import { readFlash } from "~/flash.server";

export const TEST_ORIGIN = "http://localhost";
export const TEST_IP = "203.0.113.7";

interface RequestOptions {
  cookie?: string;
  form?: Record<string, string>;
}

export function buildRequest(path: string, options: RequestOptions = {}): Request {
  const headers = new Headers({ origin: TEST_ORIGIN });
  if (options.cookie) headers.set("cookie", options.cookie);
  if (!options.form) return new Request(`${TEST_ORIGIN}${path}`, { headers });
  headers.set("content-type", "application/x-www-form-urlencoded");
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(options.form).toString(),
  });
}

/**
 * Runs a loader or action as Remix would, in a request scope from TEST_IP as server/app.ts opens
 * one, and returns its Response, thrown or returned.
 */
export async function callRoute(
  handler: LoaderFunction | ActionFunction,
  path: string,
  options: RequestOptions & { params?: Record<string, string> } = {},
): Promise<Response> {
  try {
    const result = await runInRequestScope({ clientIp: TEST_IP }, () =>
      handler({ request: buildRequest(path, options), params: options.params ?? {}, context: {} }),
    );
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export function setCookieOf(response: Response): string {
  return response.headers.get("set-cookie") ?? "";
}

/**
 * A rejected form as its page reads it: the intent it answered, the first message per field
 * ("form" for the whole form) and the values that travel back.
 */
export async function feedbackOf(response: Response): Promise<FormFeedback> {
  return feedbackFor(await response.json());
}

/** Expects the form to be rejected (400) with this feedback among what its page reads. */
export async function expectRejected(response: Response, feedback: Partial<FormFeedback>) {
  expect(response.status).toBe(400);
  expect(await feedbackOf(response)).toMatchObject(feedback);
}

/** The field errors of a rejected form. */
export async function errorsOf(response: Response): Promise<Record<string, string>> {
  return (await feedbackOf(response)).errors;
}

/** The confirmation the next page shows after the redirect, read as the layout reads it. */
export async function flashOf(response: Response): Promise<string | null> {
  const cookie = setCookieOf(response).split(";")[0]!;
  return (await readFlash(buildRequest("/", { cookie }))).message;
}
