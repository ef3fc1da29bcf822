import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one request carries through all its loaders and actions. Remix hands every loader of a
 * document request its own Request object, so what they share (the validated session) and what
 * only the server knows about the request (the client's address) live here. server/app.ts opens
 * the scope for every request it hands to Remix.
 */
interface RequestScope {
  clientIp: string | null;
  cache: Map<string, unknown>;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(request: { clientIp: string | null }, callback: () => T): T {
  return storage.run({ clientIp: request.clientIp, cache: new Map() }, callback);
}

/** The address the request came from (Express's req.ip); null outside a request. */
export function clientIp(): string | null {
  return storage.getStore()?.clientIp ?? null;
}

/** Computes a value once per request (or every time outside a request, e.g. in tests). */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const scope = storage.getStore();
  if (!scope) return compute();
  if (!scope.cache.has(key)) scope.cache.set(key, compute());
  return scope.cache.get(key) as T;
}
