import { getEnv } from "../env";
import { enqueueMany } from "../jobs/queues";
import { unsafeListDueSources } from "../modules/listening/source-sync";
import type { SourceNetwork } from "../modules/listening/source-values";
import { searchNetworks } from "../social/provider-registry";

/**
 * The scheduler's fan-out: one poll job per due source, all tenants. The job id is the source's,
 * so a source whose poll is still waiting or running is not enqueued twice by the next tick; the
 * job is removed when it ends (its outcome lives on the source row), which frees the id.
 */
export async function scheduleDuePolls(now = new Date()): Promise<number> {
  const due = await unsafeListDueSources({ now, limit: 1_000, staleRunMs: getEnv().LISTENING_STALE_RUN_MS, networks: searchNetworks() as SourceNetwork[] });
  await enqueueMany(
    "listening.poll-source",
    due.map((source) => ({
      payload: { tenantId: source.tenantId, sourceId: source.id, cursor: null },
      options: { jobId: `poll:${source.id}`, removeOnComplete: true, removeOnFail: true },
    })),
  );
  return due.length;
}
