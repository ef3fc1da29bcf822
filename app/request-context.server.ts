import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Per-request scratch space. Remix hands every loader of a document request its own Request
 * object, so state that all loaders of one request should share (the validated session) lives
 * here. Held on globalThis because server/ and the Remix build load this module separately.
 */
export interface RequestScope {
  cache: Map<string, unknown>;
}

const holder = globalThis as typeof globalThis & {
  __portalRequestScope?: AsyncLocalStorage<RequestScope>;
};
const storage = (holder.__portalRequestScope ??= new AsyncLocalStorage<RequestScope>());

export function runInRequestScope<T>(callback: () => T): T {
  return storage.run({ cache: new Map() }, callback);
}

/** Computes a value once per request (or every time outside a request, e.g. in tests). */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const scope = storage.getStore();
  if (!scope) return compute();
  if (!scope.cache.has(key)) scope.cache.set(key, compute());
  return scope.cache.get(key) as T;
}
