import { describeError } from "~/db/client.server";

/**
 * A background worker for an outbox table: it drains soon after it is woken (a change committed
 * work for it) and every few seconds for retries. `drainOnce` handles a batch and returns how
 * many entries it took; the worker repeats until a batch is empty. Several processes may run
 * one each: `drainOnce` must claim its entries (e.g. with SKIP LOCKED or a lease).
 */
export interface Drainer {
  start(log: (message: string) => void, intervalMs?: number): () => void;
  /** Drain soon; does nothing while the worker is not started (scripts, most tests). */
  wake(): void;
  /** One pass until nothing is due, for scripts and tests. */
  drain(): Promise<void>;
}

export function createDrainer(what: string, drainOnce: () => Promise<number>): Drainer {
  let running = false;
  let scheduled: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<void> | undefined;
  let log: (message: string) => void = () => {};

  async function drainUntilEmpty(): Promise<void> {
    try {
      while ((await drainOnce()) > 0) {
        // keep going until nothing is due
      }
    } catch (error) {
      log(`${what}: fehlgeschlagen, neuer Versuch folgt (${describeError(error)})`);
    }
  }

  /** One pass at a time per process: a wake during a pass is served by the next tick. */
  function drain(): Promise<void> {
    draining ??= drainUntilEmpty().finally(() => (draining = undefined));
    return draining;
  }

  return {
    drain,
    wake() {
      if (!running || scheduled) return;
      scheduled = setTimeout(() => {
        scheduled = undefined;
        void drain();
      }, 50);
      scheduled.unref?.();
    },
    start(logger, intervalMs = 5_000) {
      log = logger;
      running = true;
      const timer = setInterval(() => void drain(), intervalMs);
      timer.unref();
      void drain();
      return () => {
        running = false;
        clearInterval(timer);
        if (scheduled) clearTimeout(scheduled);
        scheduled = undefined;
      };
    },
  };
}
