import { escalateOverdueReferrals } from "~/referrals/overdue.server";
import { openConfiguredDatabase } from "./db-connection";

// With PGlite, stop the portal first: its data directory serves one process at a time.
const handle = await openConfiguredDatabase();
const escalated = await escalateOverdueReferrals();
console.log(`Fristen geprüft: ${escalated} überfällige Übergaben eskaliert.`);
await handle.close();
