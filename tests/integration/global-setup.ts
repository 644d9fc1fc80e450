import pg from "pg";
import type { TestProject } from "vitest/node";
import { recreateDatabase } from "../../src/server/db/migrations/migrate";
import { assertLocalUrl, assertTestDatabase } from "./support/local-only";
import { workerDatabaseUrl, workerRedisUrl } from "./support/worker-resources";

/**
 * Runs once per `vitest run --project integration`: recreates the test database from the
 * migrations (the same path `npm run db:migrate` takes) so every run starts clean, then copies it
 * for every other worker (a template copy is much faster than migrating again).
 */
export default async function setup(project: TestProject): Promise<void> {
  // Global setup runs in vitest's main process: the test env is the project's, not ours.
  const env = project.config.env as Record<string, string>;
  const url = env.INTEGRATION_BASE_DATABASE_URL ?? "";
  const workers = Number(env.INTEGRATION_WORKERS ?? 1);
  for (let id = 1; id <= workers; id++) {
    assertTestDatabase(workerDatabaseUrl(url, id));
    assertLocalUrl(workerRedisUrl(env.INTEGRATION_BASE_REDIS_URL ?? "", id), "Redis");
  }
  await recreateDatabase(url);
  const admin = new URL(url);
  const template = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // The schema engine may still hold its connection; a template must have none.
    await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [template]);
    for (let id = 2; id <= workers; id++) {
      const name = decodeURIComponent(new URL(workerDatabaseUrl(url, id)).pathname.slice(1));
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    }
  } finally {
    await client.end();
  }
}
