import { anonymiseExpiredReferrals } from "~/referrals/retention.server";
import { openConfiguredDatabase } from "./db-connection";

// With PGlite, stop the portal first: its data directory serves one process at a time.
const handle = await openConfiguredDatabase();
const anonymised = await anonymiseExpiredReferrals(new Date(), (done) =>
  process.stdout.write(`\r${done} Übergaben anonymisiert …`),
);
console.log(`\nAufbewahrungsfrist geprüft: ${anonymised} Übergaben anonymisiert.`);
await handle.close();
