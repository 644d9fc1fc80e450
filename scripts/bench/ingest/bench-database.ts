import pg from "pg";
import { applyMigrations } from "../../../src/server/db/migrations/migrate";

/** A fresh, migrated benchmark database on this machine (never anything else). */
export async function recreateBenchDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = parsed.pathname.slice(1);
  if (!["127.0.0.1", "localhost"].includes(parsed.hostname) || !name.endsWith("_bench")) {
    throw new Error(`refusing to recreate ${url}: the bench database must be local and end in _bench`);
  }
  parsed.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: parsed.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  await applyMigrations(url);
}
