import type { RequestHandler } from "express";
import type { formTexts } from "~/form-texts";
import type { FormResult } from "~/forms.server";

/**
 * Refuses a body that announces more than `maxBytes` before anything reads it, and closes the
 * connection so the rest is never received. Bodies sent without a length are capped while they
 * are read (readForm in ~/forms.server). Remix's fetches (`?_data`) get the form-failure JSON
 * their page shows at the form; a browser without JavaScript gets a short German page (`texts`:
 * the application's formTexts, from the build).
 */
export function bodyLimit(maxBytes: number, texts: typeof formTexts): RequestHandler {
  return (req, res, next) => {
    if (!(Number(req.headers["content-length"]) > maxBytes)) return next();
    const message = texts.tooLarge(maxBytes);
    res.status(413).set({ Connection: "close", "Cache-Control": "no-store" });
    if (new URL(req.originalUrl, "http://portal.invalid").searchParams.has("_data")) {
      const failure: FormResult = { status: "error", initialValue: {}, error: { "": [message] } };
      res.json(failure);
      return;
    }
    res.type("html").send(tooLargePage(message, texts));
  };
}

function tooLargePage(message: string, texts: typeof formTexts): string {
  return `<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${texts.tooLargeTitle} – Netzwerke ABC</title></head>
<body><main><h1>${texts.tooLargeTitle}</h1><p>${message}</p><p>${texts.tooLargeBack}</p></main></body>
</html>
`;
}
