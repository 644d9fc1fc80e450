import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { SchemaFile } from "./schema-engine";

export const PRISMA_DIR = resolve(process.cwd(), "prisma");
export const MIGRATIONS_DIR = join(PRISMA_DIR, "migrations");
export const SCHEMA_DIR = join(PRISMA_DIR, "schema");

export function readSchemaFiles(dir = SCHEMA_DIR): SchemaFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => ({ path: relative(process.cwd(), join(dir, f)), content: readFileSync(join(dir, f), "utf8") }));
}

/** The `migrationsList` shape the schema engine expects, read from prisma/migrations. */
export function readMigrationsList(dir = MIGRATIONS_DIR) {
  const lockPath = join(dir, "migration_lock.toml");
  const lockContent = existsSync(lockPath) ? readFileSync(lockPath, "utf8") : 'provider = "postgresql"\n';
  const folders = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => statSync(join(dir, f)).isDirectory())
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: folders.map((folder) => ({
      path: folder,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(join(dir, folder, "migration.sql"), "utf8") },
      },
    })),
  };
}
