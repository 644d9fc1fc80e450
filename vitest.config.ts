import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = fileURLToPath(new URL("./src", import.meta.url));

// Integration tests get their own database; tests/integration/global-setup.ts creates and
// migrates it and refuses anything that is not on this machine.
const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/megaphone_test";
const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/15";
// Integration files at once (INTEGRATION_WORKERS, default 2: they wait on Postgres more than on the CPU).
const integrationWorkers = Math.max(1, Math.trunc(Number(process.env.INTEGRATION_WORKERS ?? 2)) || 2);

const RUN_ALONE = ["tests/integration/pipeline/worker-sigkill.test.ts"];

/** What both integration projects share; `workers` files run side by side. */
function integration(workers: number) {
  return {
    environment: "node" as const,
    globalSetup: ["tests/integration/global-setup.ts"],
    setupFiles: ["tests/integration/worker-env.ts", "tests/integration/setup-file.ts"],
    // Each worker on a database and Redis database of its own (worker-resources.ts); a file
    // starts from empty ones.
    fileParallelism: workers > 1,
    maxWorkers: workers,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test" as const,
      LOG_LEVEL: "silent",
      DATABASE_URL: testDatabaseUrl,
      REDIS_URL: testRedisUrl,
      INTEGRATION_BASE_DATABASE_URL: testDatabaseUrl,
      INTEGRATION_BASE_REDIS_URL: testRedisUrl,
      INTEGRATION_WORKERS: String(workers),
      // Tests change rules and score right after; no process-level reuse of them.
      SCORING_CONTEXT_CACHE_MS: "0",
      // What next.config.js's experimental.authInterrupts makes Next inline into its build, so
      // pages rendered outside Next can call forbidden() as they do in the app.
      __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true",
    },
  };
}

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
          exclude: RUN_ALONE,
          ...integration(integrationWorkers),
        },
      },
      {
        ...shared,
        // Files that time how fast the system recovers: run after the others, with nothing beside them.
        test: { name: "integration-alone", include: RUN_ALONE, ...integration(1) },
      },
    ],
  },
});
