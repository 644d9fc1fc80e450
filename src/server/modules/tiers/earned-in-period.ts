import type { TenantScope } from "../../auth/tenant-context";
import type { Db, DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { EARNING_SOURCES } from "../ledger/ledger-batch";

/**
 * Points a customer EARNED in a window, read from the ledger (the one definition tiers, the tier
 * segment rule and the leaderboard share):
 *
 *   the positive entries of an earning source (MENTION, CHECKIN, SHARE, LINK_ACCOUNT and a
 *   positive ADJUSTMENT: ledger-batch's EARNING_SOURCES, the same set PointBalance.lifetimeEarned
 *   counts) created in the window, less the reversal of each of them (a reversal points at its
 *   entry; a clamped reversal takes back only what it took).
 *
 * A reversal counts against the entry it reverses, whenever it was made (up to `to`): a post
 * deleted next month takes its points out of the month it earned them, never out of a later one.
 * Refunds (reversed redemptions), merges, expiries and spending are not earning and never count.
 *
 * The window is (from, to]: an entry made exactly `period` before `to` has left it.
 */
export interface EarnedWindow {
  /** SQL timestamp expressions (UTC, like LedgerEntry.createdAt). */
  from: Prisma.Sql;
  to: Prisma.Sql;
}

/** A JS instant as the ledger's `timestamp(3)` (UTC) column compares it. */
export const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export function windowBetween(from: Date, to: Date): EarnedWindow {
  return { from: utc(from), to: utc(to) };
}

/** The brand's own period, ending at the statement's clock: for SQL that runs as of "now" (segments). */
export function tenantPeriodUntilNow(scope: TenantScope): EarnedWindow {
  const tenantId = scope.tenantId;
  const to = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
  return {
    // tenant-predicate-in: the Tenant row is looked up by its own id
    from: Prisma.sql`(${to} - make_interval(months => (SELECT t."tierPeriodMonths" FROM "Tenant" t WHERE t.id = ${tenantId})))`,
    to,
  };
}

/** The conditions on an earning entry `e` in the window (no FROM: spliced into the statements below). */
function earningIn(tenantId: string, w: EarnedWindow): Prisma.Sql {
  return Prisma.sql`e."tenantId" = ${tenantId} AND e."createdAt" > ${w.from} AND e."createdAt" <= ${w.to}
    AND e.amount > 0 AND e.source = ANY(${EARNING_SOURCES}::"LedgerSource"[])`;
}

/** The reversal `r` of `e`, by the unique (tenantId, reversesId) index. */
function reversalOf(tenantId: string, w: EarnedWindow): Prisma.Sql {
  return Prisma.sql`LEFT JOIN "LedgerEntry" r ON r."tenantId" = ${tenantId} AND r."reversesId" = e.id AND r."createdAt" <= ${w.to}`;
}

/**
 * A join adding `earned.earned` (int, NULL when nothing was earned) to a query over customers
 * `c`: one index range per customer (lateral: a batch or a page of customers) or one pass over the
 * window's entries grouped by customer (grouped: the whole tenant at once).
 */
export function earnedJoin(scope: TenantScope, w: EarnedWindow, via: "lateral" | "grouped"): Prisma.Sql {
  const tenantId = scope.tenantId;
  if (via === "lateral") {
    return Prisma.sql`LEFT JOIN LATERAL (
      SELECT sum(e.amount + coalesce(r.amount, 0))::int AS earned
      FROM "LedgerEntry" e ${reversalOf(tenantId, w)}
      WHERE ${earningIn(tenantId, w)} AND e."customerId" = c.id
    ) earned ON true`;
  }
  return Prisma.sql`LEFT JOIN (
      SELECT e."customerId", sum(e.amount + coalesce(r.amount, 0))::int AS earned
      FROM "LedgerEntry" e ${reversalOf(tenantId, w)}
      WHERE ${earningIn(tenantId, w)}
      GROUP BY e."customerId"
    ) earned ON earned."customerId" = c.id`;
}

/** Earned points of some customers in a window: customer id → points (0 for one who earned nothing). */
export async function loadEarned(db: Db | DbTx, scope: TenantScope, customerIds: readonly string[], w: EarnedWindow): Promise<Map<string, number>> {
  const ids = [...new Set(customerIds)];
  const earned = new Map<string, number>(ids.map((id) => [id, 0]));
  if (ids.length === 0) return earned;
  const rows = await db.$queryRaw<{ customerId: string; earned: number }[]>(Prisma.sql`
    SELECT e."customerId", sum(e.amount + coalesce(r.amount, 0))::int AS earned
    FROM "LedgerEntry" e ${reversalOf(scope.tenantId, w)}
    WHERE ${earningIn(scope.tenantId, w)} AND e."tenantId" = ${scope.tenantId} AND e."customerId" = ANY(${ids}::text[])
    GROUP BY e."customerId"`);
  for (const row of rows) earned.set(row.customerId, row.earned);
  return earned;
}
