const dateTime = new Intl.DateTimeFormat("de-DE", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Berlin",
});

/** Times are stored in UTC and shown in German local time. */
export function formatDateTime(value: string | Date): string {
  return dateTime.format(typeof value === "string" ? new Date(value) : value);
}

const dateOnly = new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeZone: "UTC" });

/** A calendar date stored as "YYYY-MM-DD", shown as e.g. "24.11.2026". */
export function formatDay(isoDay: string): string {
  return dateOnly.format(new Date(`${isoDay}T00:00:00Z`));
}
