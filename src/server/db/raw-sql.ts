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

/** A transaction on a raw pooled connection (withRawTransaction). */
export interface RawTransaction {
  run: SqlRunner;
  /**
   * Runs the transaction's last statement and COMMIT back to back: COMMIT is queued on the
   * connection before the statement's answer comes back, so the row locks the statement took
   * are released one round trip after it ends, not after a trip through a busy event loop.
   * When the statement fails, Postgres answers the COMMIT with a rollback and this throws the
   * statement's error. The transaction is over either way.
   */
  runAndCommit: <T>(query: Prisma.Sql) => Promise<T[]>;
}

/**
 * BEGIN … COMMIT on a raw pooled connection, for a short hot transaction whose row locks others
 * queue on (a redemption's reward row). `work` ends it with `runAndCommit`; if it returns without
 * doing so, or throws, the transaction is rolled back. Never take a second pooled connection
 * inside `work`: under load every connection could be held by a transaction waiting for one.
 */
export async function withRawTransaction<T>(work: (tx: RawTransaction) => Promise<T>): Promise<T> {
  const client = await getPgPool().connect();
  let open = false;
  let broken: Error | undefined;
  const run = pgRunner(client);
  const tx: RawTransaction = {
    run,
    runAndCommit: async <R>(query: Prisma.Sql) => {
      open = false;
      const [statement, commit] = await Promise.allSettled([run<R>(query), client.query("COMMIT")]);
      if (commit.status === "rejected") {
        broken = commit.reason as Error;
        throw commit.reason;
      }
      if (statement.status === "rejected") throw statement.reason;
      // COMMIT of a transaction a deferred check aborted answers ROLLBACK without an error.
      if (commit.value.command !== "COMMIT") throw new Error("the transaction was rolled back at commit");
      return statement.value;
    },
  };
  try {
    await client.query("BEGIN").catch((error: Error) => {
      broken = error;
      throw error;
    });
    open = true;
    return await work(tx);
  } finally {
    // A failed ROLLBACK means a connection in an unknown state (a dropped socket, say).
    if (open) await client.query("ROLLBACK").catch((error: Error) => (broken = error));
    // A connection in an unknown state is closed rather than handed to the next caller.
    client.release(broken);
  }
}
