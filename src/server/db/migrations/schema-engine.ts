import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

/**
 * Prisma's schema engine compiled to WASM. The CLI's native engine is downloaded at run time,
 * which this project's machines cannot do; the WASM build ships inside an npm package and
 * produces the same migration folders and `_prisma_migrations` rows (docs/ENVIRONMENT.md).
 */
const require = createRequire(import.meta.url);
let wasmReady = false;

function loadWasm(): void {
  if (wasmReady) return;
  // The engine reports a Rust panic's message through this global before throwing.
  (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      console.error(`schema engine panic: ${message}`);
    },
  };
  const pkgDir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bytes = readFileSync(join(pkgDir, "schema_engine_bg.wasm"));
  const wasmModule = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
  (bg as unknown as { __wbg_set_wasm: (e: unknown) => void }).__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  wasmReady = true;
}

export type SchemaFile = { path: string; content: string };

export interface EngineOptions {
  databaseUrl: string;
  schemaFiles: SchemaFile[];
  /** Needed only to diff from the migration history (writing a new migration). */
  withShadowDatabase?: boolean;
  log?: (line: string) => void;
}

export async function openSchemaEngine(options: EngineOptions): Promise<SchemaEngine> {
  loadWasm();
  // The package's main entry imports the .wasm file directly, which Node cannot do; the
  // class lives in the bindings module once the instance is set.
  const Engine = (bg as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine;
  const base = new PrismaPg({ connectionString: options.databaseUrl });
  const factory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => sendScriptsWhole(await base.connect()),
    connectToShadowDb: options.withShadowDatabase
      ? () => connectToShadowDatabase(options.databaseUrl)
      : () => Promise.reject(new Error("no shadow database configured")),
  };
  const log = options.log ?? (() => undefined);
  return Engine.new(
    { datamodels: options.schemaFiles.map((f) => [f.path, f.content] as [string, string]) },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(factory as never),
  );
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * PrismaPg's executeScript splits a migration on every ";", which breaks dollar-quoted function
 * bodies (our ledger triggers). Postgres' simple query protocol runs a multi-statement script
 * as sent, as the native engine does.
 */
function sendScriptsWhole(adapter: PgAdapter): PgAdapter {
  adapter.executeScript = async (script: string) => {
    await adapter.underlyingDriver().query(script);
  };
  return adapter;
}

/**
 * A throwaway database for `migrate dev`-style diffs. PrismaPg's own shadow connection ignores
 * the database name of a connection string, and Postgres' internal "char" type (OID 18) is not
 * understood by the engine's describer, so both are handled here.
 */
async function connectToShadowDatabase(databaseUrl: string) {
  const name = `megaphone_shadow_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();

  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  // The engine reads check constraints' "char" columns as Character values; PrismaPg does not
  // map OID 18 at all. Report them as text to the adapter, then retype those columns.
  let charColumns: number[] = [];
  const rawQuery = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await rawQuery(...args);
    charColumns = [];
    (result.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(index);
      }
    });
    return result;
  };
  const adapter = sendScriptsWhole(await new PrismaPg(pool).connect());
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await pool.end();
    const cleanup = new pg.Client({ connectionString: databaseUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  };
  return adapter;
}
