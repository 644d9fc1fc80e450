import { assertCustomerActs, type CustomerContext, type TenantScope } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { withPgConnection } from "../../db/raw-sql";
import { AppError } from "../../errors";
import { enqueue } from "../../jobs/queues";
import { getLogger } from "../../logger";
import { getRedis } from "../../redis";
import { writeAudit } from "../audit/audit.service";
import { leaderboardKeys, monthOf } from "./leaderboard-keys";
import { markLeaderboardDirty, showLeaderboardNameNow } from "./leaderboard-sync";
import { leaderboardSyncJobId } from "./leaderboard.jobs";
import {
  MAX_TOP,
  ZLeaderboardPeriod,
  ZLeaderboardPreferences,
  ZTopLimit,
  type LeaderboardPeriod,
  type LeaderboardPreferencesDto,
  type LeaderboardPreferencesInput,
  type LeaderboardRow,
  type LeaderboardTop,
  type MyLeaderboard,
  type MyRank,
} from "./leaderboard.schemas";

/**
 * The brand's leaderboard: top advocates this month (UTC) and of all time, and a customer's own
 * rank. Standings live in Redis sorted sets (leaderboard-sync.ts keeps them equal to the ledger;
 * docs/scaling.md has the measurements behind choosing them over Postgres).
 *
 * Ties: equal points share a rank (competition ranking: 1, 2, 2, 4); within a tie, the customer
 * who joined the brand first is listed first (customer ids are time-ordered, compared as text).
 */

/** A read finding the board older than this asks for a sync (the job dedupes per tenant). */
const SYNC_AFTER_MS = 2_000;
const lastAsked = new Map<string, number>();

function requestSyncIfStale(scope: TenantScope, syncedAt: string | null): void {
  const now = Date.now();
  if (syncedAt && now - Number(syncedAt) < SYNC_AFTER_MS) return;
  if (now - (lastAsked.get(scope.tenantId) ?? 0) < SYNC_AFTER_MS) return;
  lastAsked.set(scope.tenantId, now);
  // Not awaited: a read never waits for the queue; a failed request is retried by the next read.
  enqueue("leaderboard.sync", { tenantId: scope.tenantId }, { jobId: leaderboardSyncJobId(scope) }).catch((error: unknown) => {
    lastAsked.delete(scope.tenantId);
    getLogger().warn({ err: error, tenantId: scope.tenantId }, "could not request a leaderboard sync");
  });
}

/**
 * The board's first ARGV[1] members in rank order, their names and the last sync, in one round
 * trip. A reverse range lists equal scores by member DEScending, so the members tied at the cut
 * are read again in a forward range (ascending ids: the earliest customers) to fill the list.
 */
const TOP_SCRIPT = `
local limit = tonumber(ARGV[1])
local top = redis.call("ZRANGE", KEYS[1], "+inf", "-inf", "BYSCORE", "REV", "LIMIT", 0, limit, "WITHSCORES")
local ids, scores = {}, {}
local cut = nil
if #top == 2 * limit then cut = top[#top] end
for i = 1, #top, 2 do
  if cut == nil or tonumber(top[i + 1]) > tonumber(cut) then
    ids[#ids + 1] = top[i]
    scores[#scores + 1] = top[i + 1]
  end
end
if cut ~= nil then
  local tied = redis.call("ZRANGE", KEYS[1], cut, cut, "BYSCORE", "LIMIT", 0, limit - #ids)
  for _, id in ipairs(tied) do
    ids[#ids + 1] = id
    scores[#scores + 1] = cut
  end
end
local names = {}
if #ids > 0 then names = redis.call("HMGET", KEYS[2], unpack(ids)) end
return {ids, scores, names, redis.call("HGET", KEYS[3], "syncedAt") or ""}`;

/** Competition ranks of a list that is the board's head, sorted by points (desc) then id (asc). */
function ranked<T extends { id: string; points: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.points - a.points || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || sorted[i - 1]!.points !== row.points) rank = i + 1;
    return { ...row, rank };
  });
}

/**
 * The brand's top advocates for a period with the names they chose (null: none chosen).
 * Opted-out, erased and merged-away customers are not on the boards (they leave at once, and every
 * sync recomputes them). One Redis round trip, no database query.
 */
export async function topAdvocates(
  scope: TenantScope,
  period: LeaderboardPeriod,
  limit: number = MAX_TOP,
  now = new Date(),
  /** The signed-in customer reading the board: their row is marked `you` (ids never leave this function). */
  viewerId?: string,
): Promise<LeaderboardTop> {
  const p = ZLeaderboardPeriod.parse(period);
  const n = ZTopLimit.parse(limit);
  const keys = leaderboardKeys(scope);
  const [ids, scores, names, syncedAt] = (await getRedis("cache").eval(TOP_SCRIPT, 3, keys.board(p, now), keys.names, keys.meta, n)) as [
    string[],
    string[],
    (string | null)[],
    string,
  ];
  requestSyncIfStale(scope, syncedAt || null);
  const rows = ids.map((id, i) => ({ id, points: Number(scores[i]), name: names[i] ?? null }));
  const out: LeaderboardRow[] = ranked(rows).map((r) => ({ rank: r.rank, displayName: r.name, points: r.points, you: r.id === viewerId }));
  return { period: p, month: p === "month" ? monthOf(now) : null, rows: out };
}

/** Score, number of customers strictly ahead, board size and last sync, in one round trip. */
const RANK_SCRIPT = `
local s = redis.call("ZSCORE", KEYS[1], ARGV[1])
local n = redis.call("ZCARD", KEYS[1])
local synced = redis.call("HGET", KEYS[2], "syncedAt") or ""
if not s then return {"", -1, n, synced} end
return {s, redis.call("ZCOUNT", KEYS[1], "(" .. s, "+inf"), n, synced}`;

/** The signed-in customer's rank and points on a board (rank null: not on it). One Redis round trip and one primary-key read. */
export async function myRank(cctx: CustomerContext, period: LeaderboardPeriod, now = new Date()): Promise<MyRank> {
  const p = ZLeaderboardPeriod.parse(period);
  const keys = leaderboardKeys(cctx);
  const [reply, customer] = await Promise.all([
    getRedis("cache").eval(RANK_SCRIPT, 2, keys.board(p, now), keys.meta, cctx.customerId) as Promise<[string, number, number, string]>,
    // The raw pool: a primary-key read where Prisma's own work would be most of the time.
    withPgConnection(async (run) => {
      const rows = await run<{ optedOut: boolean }>(
        Prisma.sql`SELECT "leaderboardOptOut" AS "optedOut" FROM "Customer" WHERE "tenantId" = ${cctx.tenantId} AND id = ${cctx.customerId}`,
      );
      return rows[0] ?? null;
    }),
  ]);
  if (!customer) throw AppError.notFound("customer");
  const [score, ahead, size, syncedAt] = reply;
  requestSyncIfStale(cctx, syncedAt || null);
  if (score === "") return { period: p, rank: null, points: 0, optedOut: customer.optedOut, of: size };
  return { period: p, rank: ahead + 1, points: Number(score), optedOut: customer.optedOut, of: size };
}

/** What the portal shows a customer of one board: its top 100 (their own row marked) and their own rank. */
export async function myLeaderboard(cctx: CustomerContext, period: LeaderboardPeriod, now = new Date()): Promise<MyLeaderboard> {
  const [top, me] = await Promise.all([topAdvocates(cctx, period, MAX_TOP, now, cctx.customerId), myRank(cctx, period, now)]);
  return { top, me };
}

export async function getLeaderboardPreferences(cctx: CustomerContext): Promise<LeaderboardPreferencesDto> {
  const row = await getDb().customer.findFirst({
    where: { tenantId: cctx.tenantId, id: cctx.customerId, erasedAt: null, mergedIntoId: null },
    select: { leaderboardName: true, leaderboardOptOut: true },
  });
  if (!row) throw AppError.notFound("customer");
  return { displayName: row.leaderboardName, optOut: row.leaderboardOptOut };
}

/**
 * The customer's leaderboard name and opt-out. Opting out takes them off the boards at once;
 * any change is recomputed by the next sync.
 */
export async function setLeaderboardPreferences(cctx: CustomerContext, raw: LeaderboardPreferencesInput): Promise<LeaderboardPreferencesDto> {
  assertCustomerActs(cctx);
  const input = ZLeaderboardPreferences.parse(raw);
  const data = {
    ...(input.displayName !== undefined ? { leaderboardName: input.displayName } : {}),
    ...(input.optOut !== undefined ? { leaderboardOptOut: input.optOut } : {}),
  };
  const saved = await getDb().$transaction(async (tx) => {
    const rows = await tx.customer.updateManyAndReturn({
      where: { tenantId: cctx.tenantId, id: cctx.customerId, erasedAt: null, mergedIntoId: null },
      data,
      select: { leaderboardName: true, leaderboardOptOut: true },
    });
    if (!rows[0]) throw AppError.notFound("customer");
    await writeAudit(tx, cctx, { action: "customer.leaderboard-preferences", targetType: "Customer", targetId: cctx.customerId, data });
    return rows[0];
  });
  await markLeaderboardDirty(cctx, [cctx.customerId], new Date(), saved.leaderboardOptOut);
  if (!saved.leaderboardOptOut) await showLeaderboardNameNow(cctx, cctx.customerId, saved.leaderboardName);
  return { displayName: saved.leaderboardName, optOut: saved.leaderboardOptOut };
}
