import { z } from "zod";
import { checkPasswordPolicy } from "~/auth/password.server";
import { findUserByEmail } from "~/auth/login.server";
import { createOrganization, createUser } from "#tests/fixtures/factories";
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
const policyError = checkPasswordPolicy(ADMIN_PASSWORD, ADMIN_EMAIL);
if (policyError) {
  console.error(`ADMIN_PASSWORD: ${policyError}`);
  process.exit(1);
}

const handle = await openConfiguredDatabase();
if (await findUserByEmail(ADMIN_EMAIL)) {
  console.error(`Für ${ADMIN_EMAIL} besteht bereits ein Konto.`);
  await handle.close();
  process.exit(1);
}
const organization = await createOrganization({ name: ADMIN_ORGANIZATION, kind: "sonstige" });
await createUser({
  organizationId: organization.id,
  email: ADMIN_EMAIL.toLowerCase(),
  name: ADMIN_NAME,
  role: "org_admin",
  isPlatformAdmin: true,
  password: ADMIN_PASSWORD,
});
console.log(`Plattform-Administration ${ADMIN_EMAIL} angelegt.`);
await handle.close();
