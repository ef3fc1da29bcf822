/**
 * Shared vocabulary of the permission matrix tests. "ok" is a 200 page or the redirect after a
 * successful action; "login" is the redirect of a visitor to the login page; numbers are the
 * status of a rejected form (400) or a denial (403, or 404 where the persona may not even learn
 * that the record exists).
 */
export type Outcome = "ok" | "login" | 400 | 403 | 404;

export function outcomeOf(response: Response): Outcome | number {
  if (response.status === 302) {
    return response.headers.get("location")?.startsWith("/anmelden?weiter=") ? "login" : "ok";
  }
  if (response.status === 200) return "ok";
  return response.status;
}
