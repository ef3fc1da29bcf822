/**
 * Remix v2 classic compiler (see docs/decisions/004-routing-convention.md).
 * Files starting with "__" beside a route are its private helpers, not routes.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  ignoredRouteFiles: ["**/.*", "**/__*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // socket.io-client ships ESM that the browser bundle needs; bundle it instead of requiring it.
  browserNodeBuiltinsPolyfill: { modules: {} },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
