/**
 * Telling "Postgres is unreachable" apart from "this job failed". During a database outage
 * (restart, crash recovery, failover, connection limit) every job fails within milliseconds, so
 * the few attempts a job has for its own errors would all be spent in seconds and the job would
 * fail for good; the worker puts such jobs back instead (src/workers/process-job.ts).
 */

/** Prisma: can't reach the server, timed out reaching it, the server closed the connection. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
/** @prisma/adapter-pg's kinds for socket-level failures and a full server. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
/**
 * SQLSTATEs: class 08 (connection exception), admin/crash shutdown, "the database system is
 * starting up / shutting down / in recovery", too many connections.
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** node-postgres' own messages when a connection dies under a query or a transaction. */
const DRIVER_MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "Client has encountered a connection error and is not queryable",
  "timeout exceeded when trying to connect",
  "Can't reach database server",
  "Server has closed the connection",
];

function isConnectionFailure(value: Record<string, unknown>): boolean {
  const code = typeof value.code === "string" ? value.code : "";
  if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof value.kind === "string" && ADAPTER_KINDS.has(value.kind)) return true;
  const message = typeof value.message === "string" ? value.message : "";
  return DRIVER_MESSAGES.some((m) => message.includes(m));
}

/**
 * True when the error (or anything it wraps: `cause`, Prisma's `meta.driverAdapterError`, an
 * AggregateError's `errors`) says the database could not be reached or dropped the connection.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== "object") return false;
  const value = error as Record<string, unknown>;
  if (isConnectionFailure(value)) return true;
  const meta = value.meta as Record<string, unknown> | undefined;
  const nested = [value.cause, meta?.driverAdapterError, ...(Array.isArray(value.errors) ? (value.errors as unknown[]) : [])];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/**
 * ioredis' own errors when Redis drops or refuses the connection under a command (a socket-level
 * code such as ECONNREFUSED is recognised above).
 */
const REDIS_MESSAGES = ["Connection is closed", "Reached the max retries per request limit", "Stream isn't writeable", "LOADING Redis is loading"];
const REDIS_ERROR_NAMES = new Set(["MaxRetriesPerRequestError"]);

/** True when the error (or anything it wraps) says Redis could not be reached or dropped the connection. */
export function isRedisUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== "object") return false;
  const value = error as Record<string, unknown>;
  const message = typeof value.message === "string" ? value.message : "";
  if (REDIS_MESSAGES.some((m) => message.includes(m)) || (typeof value.name === "string" && REDIS_ERROR_NAMES.has(value.name))) return true;
  return isRedisUnavailable(value.cause, depth + 1);
}

/** A lost database or Redis connection: the job waits for the service instead of spending attempts. */
export function isServiceUnavailable(error: unknown): boolean {
  return isDatabaseUnavailable(error) || isRedisUnavailable(error);
}

/** Deferrals allowed per job during an outage: about half an hour at the capped delay. */
export const MAX_OUTAGE_DEFERRALS = 60;

/** The wait before the `deferral`-th retry (0-based) during an outage: 1 s doubling to 30 s. */
export function outageRetryDelayMs(deferral: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, Math.min(deferral, 5)));
}
