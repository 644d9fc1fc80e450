import { jobData } from "../../jobs/job-scope";
import { toJobId, getQueue } from "../../jobs/queues";
import { getLogger } from "../../logger";
import { checkDeletedMentions, DEFAULT_DELETION_CHECK_LIMIT, type DeletionCheckOutcome } from "./check-deleted-mentions";
import type { CheckDeletionsJob } from "./deletion.schemas";
import { REVERSAL_JOBS, type ReversalJobName, type ReversalJobPayload } from "./reversal.jobs";
import { deletionCheckJobId, unsafeScheduleDeletionChecks } from "./schedule-deletion-checks";

/**
 * Enqueues jobs of REVERSAL_JOBS, validated like `enqueue()` (src/server/jobs/queues.ts). Works
 * before and after the definitions are spread into JOB_DEFINITIONS (same queue, same options).
 */
export async function enqueueReversalJobs<N extends ReversalJobName>(
  name: N,
  jobs: { payload: ReversalJobPayload<N>; options?: { jobId?: string; delay?: number } }[],
): Promise<void> {
  if (jobs.length === 0) return;
  const definition = REVERSAL_JOBS[name];
  await getQueue(definition.queue).addBulk(
    jobs.map(({ payload, options = {} }) => ({
      name,
      data: jobData(name, definition, payload),
      opts: { ...definition.options, ...options, jobId: options.jobId === undefined ? undefined : toJobId(options.jobId) },
    })),
  );
}

/** The next job of a pass that stopped at `limit` or on a rate limit (null: the pass is over). */
export function continuationOf(payload: CheckDeletionsJob, outcome: DeletionCheckOutcome, now = Date.now()) {
  if (outcome.status !== "more" && outcome.status !== "throttled") return null;
  const base = deletionCheckJobId(payload.tenantId, payload.network);
  const after = outcome.nextCursor?.id ?? "start";
  const notBefore = outcome.throttledUntil?.getTime() ?? now;
  return {
    payload: { ...payload, cursor: outcome.nextCursor },
    // A throttled pass may stop twice at the same place: the time keeps the ids apart.
    options: { jobId: outcome.status === "throttled" ? `${base}:after:${after}:${notBefore}` : `${base}:after:${after}`, delay: Math.max(0, notBefore - now) },
  };
}

/**
 * Handlers of REVERSAL_JOBS, to be spread into HANDLERS (src/workers/handler-registry.ts):
 * `...REVERSAL_HANDLERS`. Thin: the tenant comes from the payload, the work is in
 * checkDeletedMentions; a retryable failure is rethrown so BullMQ's backoff applies.
 */
export const REVERSAL_HANDLERS: { [N in ReversalJobName]: (payload: ReversalJobPayload<N>) => Promise<void> } = {
  "mentions.schedule-deletion-checks": async () => {
    await enqueueReversalJobs("mentions.check-deletions", await unsafeScheduleDeletionChecks());
  },
  "mentions.check-deletions": async (payload) => {
    const outcome = await checkDeletedMentions(payload.tenantId, { network: payload.network, cursor: payload.cursor, limit: DEFAULT_DELETION_CHECK_LIMIT });
    const { nextCursor: _cursor, ...summary } = outcome;
    getLogger().info({ tenantId: payload.tenantId, network: payload.network, ...summary }, "deletion check");
    if (outcome.status === "failed" && outcome.retryable) throw new Error(outcome.reason ?? "deletion check failed");
    const next = continuationOf(payload, outcome);
    if (next) await enqueueReversalJobs("mentions.check-deletions", [next]);
  },
};
