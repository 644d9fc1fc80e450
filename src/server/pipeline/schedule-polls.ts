import { getEnv } from "../env";
import { enqueueMany } from "../jobs/queues";
import { unsafeListDueSources } from "../modules/listening/source-sync";
import type { SourceNetwork } from "../modules/listening/source-values";
import { searchNetworks } from "../social/provider-registry";
import { unsafeListSourcesWithDeadRuns } from "./source-run-liveness";

/** The dedupe id of a source's first-page poll: one pending at a time (see listening.jobs.ts). */
export function pollJobId(sourceId: string): string {
  return `poll:${sourceId}`;
}

/**
 * The scheduler's fan-out: one poll job per due source, all tenants — and per source still marked
 * RUNNING whose run has no live job (its worker was killed, its job failed for good or vanished;
 * source-run-liveness.ts), so a crash does not leave a source unpolled until the stale-run window
 * ends. A first page re-claims the source; a later page of the dead run that is recovered
 * afterwards finds the run changed and stops. The job id is the source's, so a poll still
 * waiting or running is not enqueued twice by the next tick.
 */
export async function scheduleDuePolls(now = new Date()): Promise<number> {
  const env = getEnv();
  const networks = searchNetworks() as SourceNetwork[];
  const [due, dead] = await Promise.all([
    unsafeListDueSources({ now, limit: 1_000, staleRunMs: env.LISTENING_STALE_RUN_MS, networks }),
    unsafeListSourcesWithDeadRuns({ now, staleRunMs: env.LISTENING_STALE_RUN_MS, networks }),
  ]);
  const sources = [...due, ...dead.filter((d) => !due.some((s) => s.id === d.id))];
  await enqueueMany(
    "listening.poll-source",
    sources.map((source) => ({
      payload: { tenantId: source.tenantId, sourceId: source.id, cursor: null },
      options: { jobId: pollJobId(source.id) },
    })),
  );
  return sources.length;
}
