import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, diffMigrationsToSchema } from "../../src/server/db/migrations/migrate";
import { readMigrationsList } from "../../src/server/db/migrations/migrations-folder";
import { getEnv } from "../../src/server/env";

describe("offline migrations", () => {
  it("records every folder in _prisma_migrations and applies nothing the second time", async () => {
    const url = getEnv().DATABASE_URL;
    expect(await applyMigrations(url)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    await client.end();
    const folders = readMigrationsList().migrationDirectories.map((d) => d.path);
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
  });

  it("has migrations that match prisma/schema exactly (no pending schema change)", async () => {
    const sql = await diffMigrationsToSchema(getEnv().DATABASE_URL);
    expect(sql.trim()).toMatch(/^(-- This is an empty migration\.)?$/);
  }, 60_000);
});
