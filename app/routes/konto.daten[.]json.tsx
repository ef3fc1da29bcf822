import type { LoaderFunctionArgs } from "@remix-run/node";
import { dataExportResponse } from "~/account/data-export.server";
import { requireUser } from "~/auth/request.server";
import { clientIp } from "~/request-context.server";

/** "Meine Daten" as JSON (see /konto/daten): only ever the signed-in person's own data. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return dataExportResponse(user, "json", clientIp());
}
