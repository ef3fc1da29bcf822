import { notFound } from "~/auth/permissions.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value can be a record's id (PostgreSQL rejects other text cast to uuid). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A malformed id cannot name a record: answer 404 before it reaches the database. */
export function requireUuid(value: string | undefined | null): string {
  if (!value || !isUuid(value)) throw notFound();
  return value;
}
