import { unsafeCrossTenantDb } from "../db/client";
import { getEnv } from "../env";
import { getQueue } from "../jobs/queues";
import type { SourceNetwork } from "../modules/listening/source-values";
import { getRedis } from "../redis";

/**
 * Is a RUNNING source really being polled? The row only says a run was claimed; the run lives in
 * BullMQ jobs (one per page). A worker killed mid-page leaves the row RUNNING and its job
 * "active" until the lock expires and a stalled-job check puts it back; a job that failed for
 * good, or vanished with Redis, leaves the row RUNNING until the stale-run window (15 min) ends.
 * So each page records which job carries its source's run (a first page when it starts, a later
 * page when the page before queues it), and the scheduler asks BullMQ about that job: a source
 * whose job is stalled (active, lock gone), finished or missing is not treated as running.
 *
 * The pointer is one small key per source in the listening queue's hash slot, kept no longer
 * than the stale-run window (past it the database's own staleness rule applies).
 */
function runKey(sourceId: string): string {
  return getQueue("listening").toKey(`source-run:${sourceId}`);
}

/** Where a job stands in its source's runs: the run's start (epoch ms), then its page (0 = first). */
export interface RunPosition {
  run: number;
  page: number;
}

// The pointer only moves forward. A page records the job of the page after it once that job is
// queued, and that job may already have run and recorded its own successor by then (the recording
// worker was busy): a plain SET would point back at a finished job, and the scheduler would start
// the source over while its run is alive. A first page claims a new run, so it always records.
const RECORD_FORWARD = `
local current = redis.call('GET', KEYS[1])
if current and ARGV[5] ~= '1' then
  local run, page = string.match(current, '^(%d+)|(%d+)|')
  if run then
    run = tonumber(run); page = tonumber(page)
    local newRun = tonumber(ARGV[1]); local newPage = tonumber(ARGV[2])
    if run > newRun or (run == newRun and page > newPage) then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2] .. '|' .. ARGV[3], 'PX', ARGV[4])
return 1`;

/** Records that `jobId` carries the source's run at `position`, unless a later position is recorded. */
export async function recordSourceRunJob(sourceId: string, jobId: string, position: RunPosition): Promise<boolean> {
  const first = position.page === 0 ? "1" : "0";
  const stored = await getRedis("producer").eval(
    RECORD_FORWARD,
    1,
    runKey(sourceId),
    position.run,
    position.page,
    jobId,
    getEnv().LISTENING_STALE_RUN_MS,
    first,
  );
  return stored === 1;
}

// Read in one script, so a run moving on between reads (pointer → state → lock) cannot look
// dead: a lock exists only while a job is active and its worker alive; a job in the active list
// without one is stalled; finished or missing jobs carry no run; any other (waiting, delayed,
// prioritized) is pending. Every key is in the listening queue's hash slot.
const LIVE_RUN_JOB = `
local value = redis.call('GET', KEYS[1])
if not value then return 0 end
local jobId = string.match(value, '^%d+|%d+|(.+)$') or value
local jobKey = ARGV[1] .. jobId
if redis.call('EXISTS', jobKey .. ':lock') == 1 then return 1 end
if redis.call('EXISTS', jobKey) == 0 then return 0 end
if redis.call('ZSCORE', KEYS[2], jobId) or redis.call('ZSCORE', KEYS[3], jobId) then return 0 end
if redis.call('LPOS', KEYS[4], jobId) then return 0 end
return 1`;

/** Whether the job recorded for this source's run is pending, or active under a live lock. */
async function hasLiveRunJob(sourceId: string): Promise<boolean> {
  const queue = getQueue("listening");
  const keys = [runKey(sourceId), queue.toKey("completed"), queue.toKey("failed"), queue.toKey("active")];
  return (await getRedis("producer").eval(LIVE_RUN_JOB, keys.length, ...keys, queue.toKey(""))) === 1;
}

/**
 * CROSS-TENANT: sources RUNNING in a run younger than the stale-run window whose job is not
 * alive (stalled, failed for good, gone), for the scheduler to poll again.
 */
export async function unsafeListSourcesWithDeadRuns({
  now = new Date(),
  staleRunMs,
  networks,
  limit = 1_000,
}: {
  now?: Date;
  staleRunMs: number;
  networks: SourceNetwork[];
  limit?: number;
}): Promise<{ id: string; tenantId: string }[]> {
  const running = await unsafeCrossTenantDb().listeningSource.findMany({
    where: { enabled: true, syncStatus: "RUNNING", network: { in: networks }, lastRunAt: { gt: new Date(now.getTime() - staleRunMs) } },
    select: { id: true, tenantId: true, lastRunAt: true },
    orderBy: { lastRunAt: "asc" },
    take: limit,
  });
  const alive = await Promise.all(running.map((source) => hasLiveRunJob(source.id)));
  const dead = running.filter((_, i) => !alive[i]);
  if (dead.length === 0) return [];
  // A run that ended (or was claimed again) after the first read left its last job finished:
  // only sources still in the very run that was read are dead.
  const still = await unsafeCrossTenantDb().listeningSource.findMany({
    where: { syncStatus: "RUNNING", OR: dead.map((source) => ({ tenantId: source.tenantId, id: source.id, lastRunAt: source.lastRunAt })) },
    select: { id: true },
  });
  const stillIds = new Set(still.map((source) => source.id));
  return dead.filter((source) => stillIds.has(source.id)).map(({ id, tenantId }) => ({ id, tenantId }));
}
