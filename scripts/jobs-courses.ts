import { settleExpiredCourses } from "~/courses/transitions.server";
import { openConfiguredDatabase } from "./db-connection";

// With PGlite, stop the portal first: its data directory serves one process at a time.
const handle = await openConfiguredDatabase();
const settled = await settleExpiredCourses(new Date(), (done) =>
  process.stdout.write(`\r${done} Maßnahmen mit abgelaufener Meldefrist entschieden …`),
);
console.log(
  `\nMeldefristen geprüft: ${settled.confirmed} Maßnahmen kommen zustande, ${settled.cancelled} abgesagt.`,
);
await handle.close();
