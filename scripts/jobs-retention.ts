import { erasePastEventPseudonyms } from "~/events/retention.server";
import { anonymiseExpiredReferrals } from "~/referrals/retention.server";
import { openConfiguredDatabase } from "./db-connection";

// With PGlite, stop the portal first: its data directory serves one process at a time.
const handle = await openConfiguredDatabase();
const anonymised = await anonymiseExpiredReferrals(new Date(), (done) =>
  process.stdout.write(`\r${done} Übergaben anonymisiert …`),
);
const events = await erasePastEventPseudonyms();
console.log(
  `\nAufbewahrungsfrist geprüft: ${anonymised} Übergaben anonymisiert, Pseudonyme von ${events} vergangenen Veranstaltungen gelöscht.`,
);
await handle.close();
