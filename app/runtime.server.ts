/**
 * What server/ takes from the application. entry.server.tsx re-exports it, so it reaches server/
 * through the Remix build (`build.entry.module.runtime`): the server drives the very module
 * instances the routes use, one of each in the process (docs/decisions/013).
 */
export { getEnv, EnvError, type Env } from "./env.server";
export {
  describeError,
  isDatabaseUnavailable,
  openDatabase,
  setDatabase,
  type DatabaseHandle,
} from "./db/client.server";
export { runMigrations } from "./db/migrate.server";
export { demoLogins, hasDemoData, seedDemoData } from "./demo/demo-data.server";
export { startScheduledJobs } from "./jobs/scheduler.server";
export { startSearchWorker } from "./search/search-index.server";
export { absoluteUrl, mailWorker } from "./mail/mail.server";
export { closeRateLimits } from "./rate-limits.server";
export { validateSessionToken } from "./auth/session.server";
export { runInRequestScope } from "./request-context.server";
export { setRealtimeServer } from "./realtime/hub.server";
export { isForeignOrigin, registerRealtime } from "./realtime/connections.server";
export { formTexts } from "./form-texts";
export { errorTexts } from "./ui/error-texts";
