import type { RequestHandler } from "express";
import { formTexts } from "~/form-texts";
import type { FormFailure } from "~/forms.server";

/**
 * Refuses a body that announces more than `maxBytes` before anything reads it, and closes the
 * connection so the rest is never received. Bodies sent without a length are capped while they
 * are read (readForm in ~/forms.server). Remix's fetches (`?_data`) get the form-failure JSON
 * their page shows at the form; a browser without JavaScript gets a short German page.
 */
export function bodyLimit(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    if (!(Number(req.headers["content-length"]) > maxBytes)) return next();
    const message = formTexts.tooLarge(maxBytes);
    res.status(413).set({ Connection: "close", "Cache-Control": "no-store" });
    if (new URL(req.originalUrl, "http://portal.invalid").searchParams.has("_data")) {
      const failure: FormFailure = { errors: { form: message }, values: {} };
      res.json(failure);
      return;
    }
    res.type("html").send(tooLargePage(message));
  };
}

function tooLargePage(message: string): string {
  return `<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${formTexts.tooLargeTitle} – Netzwerke ABC</title></head>
<body><main><h1>${formTexts.tooLargeTitle}</h1><p>${message}</p><p>${formTexts.tooLargeBack}</p></main></body>
</html>
`;
}
