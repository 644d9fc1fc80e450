import type { TestProject } from "vitest/node";
import { recreateDatabase } from "../../src/server/db/migrations/migrate";
import { assertLocalUrl, assertTestDatabase } from "./support/local-only";

/**
 * Runs once per `vitest run --project integration`: recreates the test database from the
 * migrations (the same path `npm run db:migrate` takes) so every run starts clean.
 */
export default async function setup(project: TestProject): Promise<void> {
  // Global setup runs in vitest's main process: the test env is the project's, not ours.
  const env = project.config.env as Record<string, string>;
  const url = env.DATABASE_URL ?? "";
  assertTestDatabase(url);
  assertLocalUrl(env.REDIS_URL ?? "", "Redis");
  await recreateDatabase(url);
}
