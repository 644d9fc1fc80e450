import type { TenantScope } from "../../auth/tenant-context";
import type { LeaderboardPeriod } from "./leaderboard.schemas";

/**
 * Redis keys of one tenant's leaderboard. They share one hash tag, `{lb:<tenantId>}`, so on a
 * Redis Cluster they live in one slot and the rebuild's RENAME and MULTI work across them.
 *   all            sorted set: customer id → points earned over all time
 *   month:YYYY-MM  sorted set: customer id → points earned in that calendar month (UTC)
 *   names          hash: customer id → the name they chose, for customers on a board who chose one
 *   meta           hash: low (ms: the next sync reads ledger ids from there), syncedAt (ms)
 *   dirty          set: customers whose board standing changed outside the ledger (preferences, erasure)
 *   lock           the sync's lock (one sync or rebuild of a tenant at a time)
 */
export function monthOf(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function monthBounds(at: Date): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)), end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)) };
}

export function leaderboardKeys(scope: TenantScope) {
  const base = `megaphone:{lb:${scope.tenantId}}`;
  return {
    all: `${base}:all`,
    month: (at: Date) => `${base}:month:${monthOf(at)}`,
    board: (period: LeaderboardPeriod, at: Date) => (period === "all" ? `${base}:all` : `${base}:month:${monthOf(at)}`),
    names: `${base}:names`,
    meta: `${base}:meta`,
    dirty: `${base}:dirty`,
    lock: `${base}:lock`,
    staging: (name: string) => `${base}:staging:${name}`,
  };
}

/** A month's board is kept this long after the month ends (nothing reads it then; the memory goes back). */
export const MONTH_BOARD_TTL_SECONDS = 40 * 24 * 3600;
