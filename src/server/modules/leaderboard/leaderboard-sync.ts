import { randomUUID } from "node:crypto";
import type { TenantScope } from "../../auth/tenant-context";
import { withPgConnection } from "../../db/raw-sql";
import { getRedis, type RedisClient } from "../../redis";
import { leaderboardKeys, MONTH_BOARD_TTL_SECONDS } from "./leaderboard-keys";
import { customersWithEntriesSince, loadAllStandings, loadStandings, nextReadFloorMs, type Standing } from "./leaderboard-scores";

/**
 * Keeps a tenant's Redis boards equal to the ledger without touching any writer of it (the ingest
 * statement included): a sync reads the ledger ids stored since its last read floor (time-ordered
 * ids make that one index range), recomputes those customers' standings from the ledger, and
 * writes them as absolute scores. Recomputing is idempotent, so re-reading an overlap is harmless,
 * and the floor starts at the oldest open write transaction (nextReadFloorMs), so an entry that
 * commits late is read next time. Changes that are not ledger entries (a customer opting out,
 * renamed, erased) put the customer in the tenant's `dirty` set, which the next sync drains.
 *
 * A rebuild recomputes every standing of the tenant in one pass and swaps the boards in at once
 * (RENAME). It runs when a tenant has no board yet, when Redis lost it, or when the last sync is
 * too old for a tail to be cheaper. One sync or rebuild per tenant at a time (a Redis lock).
 */

const LOCK_MS = 5 * 60_000;
/** Read this much before the oldest open transaction too (sessions another role cannot see). */
const FLOOR_MARGIN_MS = 5_000;
/** Past this, reading the tail costs about what a rebuild does. */
const MAX_TAIL_MS = 24 * 3600_000;
const CHUNK = 5_000;

export type SyncOutcome = { kind: "busy" } | { kind: "rebuilt"; customers: number; ms: number } | { kind: "synced"; customers: number; ms: number };

async function withLock<T>(redis: RedisClient, key: string, work: () => Promise<T>): Promise<T | { kind: "busy" }> {
  const token = randomUUID();
  if ((await redis.set(key, token, "PX", LOCK_MS, "NX")) !== "OK") return { kind: "busy" };
  try {
    return await work();
  } finally {
    // Release only our own lock (it may have lapsed and been taken by another sync).
    await redis.eval(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`, 1, key, token);
  }
}

/** Writes standings to the boards: a positive score is set, anything else removes the customer. */
async function writeStandings(
  redis: RedisClient,
  keys: { all: string; month: string; names: string },
  customerIds: readonly string[],
  standings: readonly Standing[],
) {
  const byId = new Map(standings.map((s) => [s.customerId, s]));
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const multi = redis.multi();
    for (const id of customerIds.slice(i, i + CHUNK)) {
      const s = byId.get(id);
      if (s && s.allTime > 0) multi.zadd(keys.all, s.allTime, id);
      else multi.zrem(keys.all, id);
      if (s && s.month > 0) multi.zadd(keys.month, s.month, id);
      else multi.zrem(keys.month, id);
      if (s && s.name !== null && s.allTime > 0) multi.hset(keys.names, id, s.name);
      else multi.hdel(keys.names, id);
    }
    multi.expire(keys.month, MONTH_BOARD_TTL_SECONDS);
    await multi.exec();
  }
}

async function rebuildLocked(scope: TenantScope, redis: RedisClient, now: Date): Promise<SyncOutcome> {
  const started = performance.now();
  const keys = leaderboardKeys(scope);
  const { floor, standings } = await withPgConnection(async (run) => ({
    floor: await nextReadFloorMs(run, FLOOR_MARGIN_MS),
    standings: await loadAllStandings(run, scope, now),
  }));
  const staging = { all: keys.staging("all"), month: keys.staging("month"), names: keys.staging("names") };
  await redis.del(staging.all, staging.month, staging.names);
  for (let i = 0; i < standings.length; i += CHUNK) {
    const multi = redis.multi();
    for (const s of standings.slice(i, i + CHUNK)) {
      if (s.allTime > 0) multi.zadd(staging.all, s.allTime, s.customerId);
      if (s.month > 0) multi.zadd(staging.month, s.month, s.customerId);
      if (s.allTime > 0 && s.name !== null) multi.hset(staging.names, s.customerId, s.name);
    }
    await multi.exec();
  }
  const monthKey = keys.month(now);
  const [hasAll, hasMonth, hasNames] = await Promise.all([redis.exists(staging.all), redis.exists(staging.month), redis.exists(staging.names)]);
  const swap = redis.multi();
  if (hasAll) swap.rename(staging.all, keys.all);
  else swap.del(keys.all);
  if (hasMonth) swap.rename(staging.month, monthKey).expire(monthKey, MONTH_BOARD_TTL_SECONDS);
  else swap.del(monthKey);
  if (hasNames) swap.rename(staging.names, keys.names);
  else swap.del(keys.names);
  swap.hset(keys.meta, { low: String(floor), syncedAt: String(Date.now()), builtAt: String(Date.now()) });
  await swap.exec();
  return { kind: "rebuilt", customers: standings.length, ms: Math.round(performance.now() - started) };
}

export interface SyncOptions {
  /** How far before the oldest open transaction the next read starts (tests set 0 to prove the floor itself). */
  floorMarginMs?: number;
}

async function syncLocked(scope: TenantScope, redis: RedisClient, now: Date, options: SyncOptions): Promise<SyncOutcome> {
  const keys = leaderboardKeys(scope);
  const meta = await redis.hgetall(keys.meta);
  const low = Number(meta.low);
  const exists = await redis.exists(keys.meta);
  if (!exists || !Number.isFinite(low) || Date.now() - low > MAX_TAIL_MS) return rebuildLocked(scope, redis, now);
  const started = performance.now();
  const dirty = await redis.spop(keys.dirty, 100_000);
  try {
    const { floor, ids, standings } = await withPgConnection(async (run) => {
      const floorMs = await nextReadFloorMs(run, options.floorMarginMs ?? FLOOR_MARGIN_MS);
      const touched = await customersWithEntriesSince(run, scope, low);
      const all = [...new Set([...touched, ...dirty])];
      return { floor: floorMs, ids: all, standings: await loadStandings(run, scope, all, now) };
    });
    await writeStandings(redis, { all: keys.all, month: keys.month(now), names: keys.names }, ids, standings);
    await redis.hset(keys.meta, { low: String(floor), syncedAt: String(Date.now()) });
    return { kind: "synced", customers: ids.length, ms: Math.round(performance.now() - started) };
  } catch (error) {
    // Nothing is lost: the customers taken from `dirty` go back for the next sync.
    if (dirty.length) await redis.sadd(keys.dirty, ...dirty);
    throw error;
  }
}

/** Brings the tenant's boards up to the ledger (a tail, or a rebuild when needed). */
export async function syncLeaderboard(scope: TenantScope, now = new Date(), options: SyncOptions = {}): Promise<SyncOutcome> {
  const redis = getRedis("cache");
  return withLock(redis, leaderboardKeys(scope).lock, () => syncLocked(scope, redis, now, options));
}

/** Recomputes every standing from the ledger and swaps the boards in (tests, the bench, repair). */
export async function rebuildLeaderboard(scope: TenantScope, now = new Date()): Promise<SyncOutcome> {
  const redis = getRedis("cache");
  return withLock(redis, leaderboardKeys(scope).lock, () => rebuildLocked(scope, redis, now));
}

/**
 * Customers whose place changed outside the ledger (opted out or back in, erased, merged away):
 * they leave the boards at once when they must, and the next sync recomputes them either way.
 */
export async function markLeaderboardDirty(scope: TenantScope, customerIds: readonly string[], now = new Date(), removeNow = false): Promise<void> {
  if (customerIds.length === 0) return;
  const redis = getRedis("cache");
  const keys = leaderboardKeys(scope);
  const multi = redis.multi().sadd(keys.dirty, ...customerIds);
  if (removeNow)
    multi
      .zrem(keys.all, ...customerIds)
      .zrem(keys.month(now), ...customerIds)
      .hdel(keys.names, ...customerIds);
  await multi.exec();
}

/**
 * A customer's chosen name on the boards at once (null: back to no name), when they are on them:
 * the sync that follows would write the same, but the customer who just chose it expects to see it.
 * A customer not on the all-time board (nothing earned, opted out) gets no entry.
 */
const SHOW_NAME_SCRIPT = `
if not redis.call("ZSCORE", KEYS[1], ARGV[1]) then return 0 end
if ARGV[2] == "" then return redis.call("HDEL", KEYS[2], ARGV[1]) end
return redis.call("HSET", KEYS[2], ARGV[1], ARGV[2])`;

export async function showLeaderboardNameNow(scope: TenantScope, customerId: string, name: string | null): Promise<void> {
  const keys = leaderboardKeys(scope);
  await getRedis("cache").eval(SHOW_NAME_SCRIPT, 2, keys.all, keys.names, customerId, name ?? "");
}
