import { z } from "zod";
import { createPlatformAdmin } from "~/organizations/platform-admin.server";
import { openConfiguredDatabase } from "./db-connection";

/**
 * The first account of a real installation (without demo data):
 *   ADMIN_EMAIL=… ADMIN_NAME=… ADMIN_PASSWORD=… npm run admin:create
 */
const input = z
  .object({
    ADMIN_EMAIL: z.string().email("ADMIN_EMAIL: keine gültige E-Mail-Adresse"),
    ADMIN_NAME: z.string().trim().min(2, "ADMIN_NAME: bitte einen Namen angeben"),
    ADMIN_PASSWORD: z.string(),
    ADMIN_ORGANIZATION: z.string().trim().min(2).default("Betrieb des Portals"),
  })
  .safeParse(process.env);
if (!input.success) {
  console.error(input.error.issues.map((issue) => issue.message).join("\n"));
  process.exit(1);
}
const { ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD, ADMIN_ORGANIZATION } = input.data;

const handle = await openConfiguredDatabase();
const created = await createPlatformAdmin({
  email: ADMIN_EMAIL,
  name: ADMIN_NAME,
  password: ADMIN_PASSWORD,
  organizationName: ADMIN_ORGANIZATION,
});
await handle.close();
if (!created.ok) {
  console.error(created.message);
  process.exit(1);
}
console.log(`Plattform-Administration ${ADMIN_EMAIL} angelegt.`);
