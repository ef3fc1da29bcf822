import { defineConfig } from "vitest/config";

/**
 * End-to-end journeys: one production build and one server (tests/e2e/global-setup.ts),
 * driven by Chromium through playwright-core. Files run one after another because they share
 * the server and its demo data.
 */
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["tests/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    reporters: ["default"],
  },
});
