import pg from "pg";
import { openSchemaEngine } from "./schema-engine";
import { readMigrationsList, readSchemaFiles } from "./migrations-folder";

const FILTERS = { externalTables: [] as string[], externalEnums: [] as string[] };

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Drops and recreates the database named in the URL, then migrates it: a clean slate for tests
 * and benchmarks. Callers check first that the URL is theirs to wipe.
 */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  await applyMigrations(databaseUrl);
}

/**
 * Applies prisma/migrations exactly as `prisma migrate deploy` would. Tests pass a shorter list to
 * stop at an earlier migration (e.g. to prove a later one keeps the data written before it).
 */
export async function applyMigrations(databaseUrl: string, migrationsList = readMigrationsList()): Promise<string[]> {
  const engine = await openSchemaEngine({ databaseUrl, schemaFiles: readSchemaFiles() });
  try {
    const result = await engine.applyMigrations({ migrationsList, filters: FILTERS });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that takes the migration history to the current schema ("" when nothing changed). */
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  const schemaFiles = readSchemaFiles();
  const engine = await openSchemaEngine({ databaseUrl, schemaFiles, withShadowDatabase: true });
  try {
    const migrationsList = readMigrationsList();
    const from = migrationsList.migrationDirectories.length ? { tag: "migrations" as const, ...migrationsList } : { tag: "empty" as const };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: schemaFiles },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
