import { recreateDatabase } from "../../../src/server/db/migrations/migrate";

/** A fresh, migrated benchmark database on this machine (never anything else). */
export async function recreateBenchDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  if (!["127.0.0.1", "localhost"].includes(parsed.hostname) || !parsed.pathname.endsWith("_bench")) {
    throw new Error(`refusing to recreate ${url}: the bench database must be local and end in _bench`);
  }
  await recreateDatabase(url);
}
