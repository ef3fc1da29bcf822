import { sendDueDigests } from "~/notifications/digest.server";
import { openConfiguredDatabase } from "./db-connection";

// The digest of notices (mentions, replies and every kind a person put into the digest): sends
// those due now. With PGlite, stop the portal first: its data directory serves one process at a time.
const handle = await openConfiguredDatabase();
const sent = await sendDueDigests();
console.log(`Benachrichtigungen: ${sent} Zusammenfassungen per E-Mail versandt.`);
await handle.close();
