import { getDb, type Database, type Transaction } from "./client.server";

/** What a query can run on: the database itself, or the transaction of a unit of work. */
export type Executor = Database | Transaction;

/**
 * One change and everything it implies: the records, the audit entry and the mails commit
 * together in `tx` or not at all. Effects that leave the process (socket events, live
 * notifications, waking the mail worker) are queued with `afterCommit` and run only once the
 * commit succeeded, so nobody is told of a change that was rolled back.
 */
export interface UnitOfWork {
  tx: Transaction;
  afterCommit(effect: () => void | Promise<void>): void;
  /**
   * Ends the unit without committing anything it did and makes `inUnitOfWork` return `result`:
   * for a step that fails as the domain expects (a refused invitation after the organisation
   * was already created), not for errors.
   */
  rollbackWith(result: unknown): never;
}

class Rollback {
  constructor(readonly result: unknown) {}
}

export async function inUnitOfWork<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
  const effects: (() => void | Promise<void>)[] = [];
  let result: T;
  try {
    result = await getDb().transaction((tx) =>
      work({
        tx,
        afterCommit: (effect) => void effects.push(effect),
        rollbackWith: (value) => {
          throw new Rollback(value);
        },
      }),
    );
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
  await runEffects(effects);
  return result;
}

/**
 * The change is committed: an effect that fails (a socket server shutting down) is logged and
 * the others still run. What must not be lost (mails) is stored in the transaction instead.
 */
async function runEffects(effects: (() => void | Promise<void>)[]): Promise<void> {
  for (const effect of effects) {
    try {
      await effect();
    } catch (error) {
      console.warn(`Nachgelagerte Wirkung fehlgeschlagen: ${String(error)}`);
    }
  }
}
