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

export async function recordSourceRunJob(sourceId: string, jobId: string): Promise<void> {
  await getRedis("producer").set(runKey(sourceId), jobId, "PX", getEnv().LISTENING_STALE_RUN_MS);
}

const PENDING_STATES = new Set(["waiting", "delayed", "prioritized", "waiting-children"]);

/** Whether the job recorded for this source's run is waiting, delayed, or active under a live lock. */
async function hasLiveRunJob(sourceId: string): Promise<boolean> {
  const queue = getQueue("listening");
  const jobId = await getRedis("producer").get(runKey(sourceId));
  if (!jobId) return false;
  const state = await queue.getJobState(jobId);
  if (PENDING_STATES.has(state)) return true;
  // An active job's worker renews its lock every half lock-duration; no lock = the worker is gone.
  return state === "active" && (await getRedis("producer").exists(`${queue.toKey(jobId)}:lock`)) === 1;
}

/**
 * CROSS-TENANT: sources RUNNING in a run younger than the stale-run window whose job is not
 * alive (stalled, failed for good, gone), for the scheduler to poll again. A run that ends just
 * as it is checked may be polled once more than needed; ingest stores and pays a mention once.
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
    select: { id: true, tenantId: true },
    orderBy: { lastRunAt: "asc" },
    take: limit,
  });
  const alive = await Promise.all(running.map((source) => hasLiveRunJob(source.id)));
  return running.filter((_, i) => !alive[i]);
}
