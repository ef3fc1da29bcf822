import { openConfiguredDatabase } from "./db-connection";

const handle = await openConfiguredDatabase();
console.log(`Migrationen angewendet (${handle.kind}).`);
await handle.close();
