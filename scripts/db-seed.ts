import { demoLogins, hasDemoData, seedDemoData } from "~/demo/demo-data.server";
import { openConfiguredDatabase } from "./db-connection";

const handle = await openConfiguredDatabase();
if (await hasDemoData()) {
  console.log("Demodaten sind bereits vorhanden.");
} else {
  await seedDemoData();
  console.log(`Demodaten angelegt. Passwort für alle Demo-Zugänge: ${demoLogins.password}`);
}
await handle.close();
