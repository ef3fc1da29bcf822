import { notFound } from "~/auth/permissions.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name a record: answer 404 before it reaches the database. */
export function requireUuid(value: string | undefined | null): string {
  if (!value || !UUID.test(value)) throw notFound();
  return value;
}
