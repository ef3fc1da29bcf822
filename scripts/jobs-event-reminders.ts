import { sendEventReminders } from "~/events/reminders.server";
import { openConfiguredDatabase } from "./db-connection";

// With PGlite, stop the portal first: its data directory serves one process at a time.
const handle = await openConfiguredDatabase();
const sent = await sendEventReminders();
console.log(`Veranstaltungen: ${sent} Erinnerungen für morgen verschickt.`);
await handle.close();
