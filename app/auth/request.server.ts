import { redirect } from "@remix-run/node";
import { readSessionToken } from "./cookie.server";
import { oncePerRequest } from "~/request-context.server";
import { validateSessionToken, type CurrentUser, type SignInStep } from "./session.server";

/** The page of each unfinished login step; nothing else opens until it is done. */
export const signInStepPaths: Record<SignInStep, string> = {
  second_factor: "/anmelden/code",
  second_factor_setup: "/anmelden/zweiter-faktor-einrichten",
};

/** The logged-in user of this request; the session is validated once per request. */
export async function getUser(request: Request): Promise<CurrentUser | null> {
  const token = await readSessionToken(request.headers.get("cookie"));
  if (!token) return null;
  return oncePerRequest(`session:${token}`, () => validateSessionToken(token));
}

/**
 * First line of every protected loader and action. Sends a visitor to the login page, and a
 * person with an unfinished login step (second factor) to that step, whatever they opened.
 */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) throw redirect(withReturnTarget("/anmelden", openedPath(request)));
  if (user.pendingStep) throw redirect(afterLogin(user.pendingStep, openedPath(request)));
  return user;
}

/** What the request opened, without Remix's `_data` parameter. */
function openedPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_data");
  return `${url.pathname}${url.search}`;
}

/** `path?weiter=<target>`, so that the login (or its step) leads back there afterwards. */
function withReturnTarget(path: string, target: string): string {
  return `${path}?weiter=${encodeURIComponent(target)}`;
}

/** Where a login goes next: its pending step (carrying the target), else the target. */
export function afterLogin(pendingStep: SignInStep | null, target: string): string {
  return pendingStep ? withReturnTarget(signInStepPaths[pendingStep], target) : target;
}

/** For the page of one login step: the person must be in exactly that step. */
export async function requireSignInStep(request: Request, step: SignInStep): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) throw redirect("/anmelden");
  if (user.pendingStep !== step)
    throw redirect(user.pendingStep ? signInStepPaths[user.pendingStep] : "/");
  return user;
}
