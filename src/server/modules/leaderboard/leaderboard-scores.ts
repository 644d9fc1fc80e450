import type { TenantScope } from "../../auth/tenant-context";
import { Prisma } from "../../db/generated/client";
import type { SqlRunner } from "../../db/raw-sql";
import { EARNING_SOURCES } from "../ledger/ledger-batch";
import { utc } from "../tiers/earned-in-period";
import { monthBounds } from "./leaderboard-keys";

/**
 * A customer's standing, read from the ledger: points EARNED (the definition tiers use, see
 * tiers/earned-in-period.ts: positive earning entries less their reversals) over all time and in
 * the calendar month (UTC) of `at`. Only customers who can be on the board are returned: live
 * (not erased, not merged away) and not opted out. A customer left out, or with 0, is off the board.
 *
 * All time is net of reversals, unlike PointBalance.lifetimeEarned (which a reversal leaves alone):
 * a post that was deleted, and its points taken back, must not keep anyone on the board.
 */
export interface Standing {
  customerId: string;
  allTime: number;
  month: number;
  /** The name the customer chose for the board (hostile input: rendered as text). */
  name: string | null;
}

function standingsSql(scope: TenantScope, at: Date, customerIds: readonly string[] | null): Prisma.Sql {
  const { start, end } = monthBounds(at);
  const only = customerIds ? Prisma.sql`AND e."customerId" = ANY(${customerIds}::text[])` : Prisma.empty;
  return Prisma.sql`
    SELECT e."customerId", c."leaderboardName" AS name,
           sum(e.amount + coalesce(r.amount, 0))::int AS "allTime",
           coalesce(sum(e.amount + coalesce(r.amount, 0)) FILTER (WHERE e."createdAt" >= ${utc(start)} AND e."createdAt" < ${utc(end)}), 0)::int AS month
    FROM "LedgerEntry" e
    JOIN "Customer" c ON c."tenantId" = ${scope.tenantId} AND c.id = e."customerId"
         AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL AND NOT c."leaderboardOptOut"
    LEFT JOIN "LedgerEntry" r ON r."tenantId" = ${scope.tenantId} AND r."reversesId" = e.id
    WHERE e."tenantId" = ${scope.tenantId} AND e.amount > 0 AND e.source = ANY(${EARNING_SOURCES}::"LedgerSource"[]) ${only}
    GROUP BY e."customerId", c."leaderboardName"`;
}

/** Standings of some customers (those left out are off the board). */
export async function loadStandings(run: SqlRunner, scope: TenantScope, customerIds: readonly string[], at: Date): Promise<Standing[]> {
  if (customerIds.length === 0) return [];
  return run<Standing>(standingsSql(scope, at, [...new Set(customerIds)]));
}

/** Every standing of the tenant: the rebuild's one pass over its ledger. */
export async function loadAllStandings(run: SqlRunner, scope: TenantScope, at: Date): Promise<Standing[]> {
  return run<Standing>(standingsSql(scope, at, null));
}

/** Customers with a ledger entry stored at or after `sinceMs` (ids start with their creation time, so this is one range of the (tenantId, id) index). */
export async function customersWithEntriesSince(run: SqlRunner, scope: TenantScope, sinceMs: number): Promise<string[]> {
  const bound = `led_${Math.max(0, Math.floor(sinceMs)).toString(16).padStart(12, "0")}`;
  const rows = await run<{ customerId: string }>(Prisma.sql`
    SELECT DISTINCT "customerId" FROM "LedgerEntry" WHERE "tenantId" = ${scope.tenantId} AND id >= ${bound}`);
  return rows.map((r) => r.customerId);
}

/**
 * Where the next sync must start reading so that it misses no entry this one cannot see yet: an
 * entry invisible now belongs to a transaction still open, which started (xact_start) before its
 * entry's id was made; any later entry has an id after this moment. Read BEFORE the sync reads the
 * ledger. A margin covers sessions whose start another role cannot see.
 */
export async function nextReadFloorMs(run: SqlRunner, marginMs: number): Promise<number> {
  // no-tenant-data: the server's clock and when its open write transactions began (pg_stat_activity)
  const [row] = await run<{ nowMs: number; oldestMs: number | null }>(Prisma.sql`
    SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS "nowMs",
           (extract(epoch FROM min(xact_start)) * 1000)::float8 AS "oldestMs"
    FROM pg_stat_activity WHERE backend_xid IS NOT NULL`);
  const nowMs = row!.nowMs;
  return Math.min(nowMs, row!.oldestMs ?? nowMs) - marginMs;
}
