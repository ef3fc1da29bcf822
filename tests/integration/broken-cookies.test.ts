import type { LoaderFunction } from "@remix-run/node";
import * as root from "~/root";
import * as appLayout from "~/routes/_app";
import * as home from "~/routes/_index";
import * as login from "~/routes/anmelden";
import * as myNetwork from "~/routes/_app.netzwerk";
import * as organization from "~/routes/_app.organisation";
import { readSessionToken, sessionCookieName } from "~/auth/cookie.server";
import { readFlash } from "~/flash.server";
import { createLoginCookie, createOrganization, createUser } from "~/demo/factories.server";
import { buildRequest } from "#tests/helpers/routes";

/** The loaders Remix runs for a document request to each page, outermost first. */
const pages: Record<string, LoaderFunction[]> = {
  "/": [root.loader, home.loader],
  "/anmelden?weiter=%2Forganisation": [root.loader, login.loader],
  "/netzwerk": [root.loader, appLayout.loader, myNetwork.loader],
  "/organisation": [root.loader, appLayout.loader, organization.loader],
};

/** The status Remix would answer: a thrown Response is the answer, anything else thrown is a 500. */
async function statusOf(path: string, cookie: string): Promise<number> {
  let status = 200;
  for (const loader of pages[path]!) {
    try {
      const result: unknown = await loader({
        request: buildRequest(path, { cookie }),
        params: {},
        context: {},
      });
      if (result instanceof Response && result.status >= 300) status = result.status;
    } catch (thrown) {
      if (!(thrown instanceof Response)) return 500;
      status = thrown.status;
    }
  }
  return status;
}

const session = sessionCookieName();
const flash = session.replace("portal_session", "portal_flash");
const brokenCookies = [
  `${session}=%`,
  `${session}=%E0%A4%A`,
  `${session}="unterminated`,
  `${session}=${"x".repeat(300)}`,
  `${session}=__proto__`,
  "portal_flash=__proto__",
  `${flash}=__proto__`,
  `${flash}=constructor`,
  `${flash}=hasOwnProperty`,
  `${flash}=%`,
  `${flash}=%E0%A4%A`,
  "__proto__=x; constructor=y",
  "=; ;;; =%; ===",
  `${session}; ${flash}`,
];

describe("Seiten mit kaputten Cookies", () => {
  it.each(brokenCookies)("answers every page without a 500 (Cookie: %s)", async (cookie) => {
    for (const path of Object.keys(pages)) {
      expect([200, 302], `${path} mit ${cookie}`).toContain(await statusOf(path, cookie));
    }
    await expect(readSessionToken(cookie)).resolves.toBeNull();
  });

  it.each(brokenCookies)(
    "ignores the bad value and keeps a valid session (Cookie: %s)",
    async (cookie) => {
      const organizationRow = await createOrganization();
      const user = await createUser({ organizationId: organizationRow.id });
      const valid = (await createLoginCookie(user.id)).cookie;
      const combined = `${valid}; ${cookie}`;
      expect(await statusOf("/netzwerk", combined)).toBe(200);
      expect((await readFlash(buildRequest("/netzwerk", { cookie: combined }))).message).toBeNull();
    },
  );
});
