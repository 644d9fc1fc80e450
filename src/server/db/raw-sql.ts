import pg from "pg";
import type { Prisma } from "./generated/client";
import { getPgPool, type Db, type DbTx } from "./client";

/**
 * Runs a `Prisma.sql` statement and returns its rows. Domain code that must work both inside a
 * Prisma transaction and on the ingest's raw connection takes one of these instead of a client.
 */
export type SqlRunner = <T>(query: Prisma.Sql) => Promise<T[]>;

export function prismaRunner(db: Db | DbTx): SqlRunner {
  return <T>(query: Prisma.Sql) => db.$queryRaw<T[]>(query);
}

// Results come back as Prisma's $queryRaw would hand them: timestamps (stored without zone, in
// UTC) as Dates, bigints as BigInt. Set per query, so the pool Prisma shares stays untouched.
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
const TYPES = {
  getTypeParser(oid: number, format?: string) {
    if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8_OID) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format as "text") as (value: string) => unknown;
  },
};

/** A raw connection from the process's one pool, with the same parameter rules Prisma applies. */
export function pgRunner(client: pg.PoolClient): SqlRunner {
  return async <T>(query: Prisma.Sql) => {
    const result = await client.query({ text: query.text, values: query.values.map(toParam), types: TYPES });
    return result.rows as T[];
  };
}

/**
 * Runs `work` on a raw pooled connection: the hot ingest path, where Prisma's per-query machinery
 * cost more CPU than the SQL itself. Statements autocommit unless `work` says BEGIN.
 */
export async function withPgConnection<T>(work: (run: SqlRunner) => Promise<T>): Promise<T> {
  const client = await getPgPool().connect();
  try {
    return await work(pgRunner(client));
  } finally {
    client.release();
  }
}

/** Timestamps are stored in UTC without a zone: send Dates as UTC wall-clock text, as Prisma does. */
function toParam(value: unknown): unknown {
  if (value instanceof Date) return utcText(value);
  if (Array.isArray(value)) return value.map(toParam);
  return value;
}

function utcText(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}
