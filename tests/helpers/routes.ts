import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { CLIENT_IP_HEADER } from "~/auth/request.server";

export const TEST_ORIGIN = "http://localhost";
export const TEST_IP = "203.0.113.7";

interface RequestOptions {
  cookie?: string;
  form?: Record<string, string>;
}

export function buildRequest(path: string, options: RequestOptions = {}): Request {
  const headers = new Headers({ [CLIENT_IP_HEADER]: TEST_IP, origin: TEST_ORIGIN });
  if (options.cookie) headers.set("cookie", options.cookie);
  if (!options.form) return new Request(`${TEST_ORIGIN}${path}`, { headers });
  headers.set("content-type", "application/x-www-form-urlencoded");
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(options.form).toString(),
  });
}

/** Runs a loader or action as Remix would and returns its Response, thrown or returned. */
export async function callRoute(
  handler: LoaderFunction | ActionFunction,
  path: string,
  options: RequestOptions & { params?: Record<string, string> } = {},
): Promise<Response> {
  try {
    const result = await handler({
      request: buildRequest(path, options),
      params: options.params ?? {},
      context: {},
    });
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
