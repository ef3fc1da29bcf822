import { sendDiscussionDigests } from "~/discussions/digest.server";
import { openConfiguredDatabase } from "./db-connection";

// With PGlite, stop the portal first: its data directory serves one process at a time.
const handle = await openConfiguredDatabase();
const sent = await sendDiscussionDigests();
console.log(`Diskussionen: ${sent} Zusammenfassungen per E-Mail versandt.`);
await handle.close();
