import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = fileURLToPath(new URL("./src", import.meta.url));

// Integration tests get their own database; tests/integration/global-setup.ts creates and
// migrates it and refuses anything that is not on this machine.
const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/megaphone_test";
const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/15";
// Integration files at once (INTEGRATION_WORKERS, default 2: they wait on Postgres more than on the CPU).
const integrationWorkers = Math.max(1, Math.trunc(Number(process.env.INTEGRATION_WORKERS ?? 2)) || 2);

const shared = {
  resolve: { alias: { "@": src } },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          env: { NODE_ENV: "test", LOG_LEVEL: "silent" },
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          // tests/security/*.test.ts: the security suite's cases that need no browser.
          include: ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/worker-env.ts", "tests/integration/setup-file.ts"],
          // Files run side by side, each worker on a database and Redis database of its own
          // (worker-resources.ts); a file starts from empty ones.
          fileParallelism: true,
          maxWorkers: integrationWorkers,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: {
            NODE_ENV: "test",
            LOG_LEVEL: "silent",
            DATABASE_URL: testDatabaseUrl,
            REDIS_URL: testRedisUrl,
            INTEGRATION_BASE_DATABASE_URL: testDatabaseUrl,
            INTEGRATION_BASE_REDIS_URL: testRedisUrl,
            INTEGRATION_WORKERS: String(integrationWorkers),
            // Tests change rules and score right after; no process-level reuse of them.
            SCORING_CONTEXT_CACHE_MS: "0",
            // What next.config.js's experimental.authInterrupts makes Next inline into its build, so
            // pages rendered outside Next can call forbidden() as they do in the app.
            __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true",
          },
        },
      },
    ],
  },
});
