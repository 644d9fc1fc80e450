import { systemContext } from "../../auth/tenant-context";
import { jobData } from "../../jobs/job-scope";
import { toJobId, getQueue } from "../../jobs/queues";
import { getLogger } from "../../logger";
import { REVERSAL_JOBS, type ReversalJobName, type ReversalJobPayload } from "./reversal.jobs";
import { runDeletionPassStep, type PassStepResult } from "./run-deletion-pass";
import { deletionCheckJobId, unsafeScheduleDeletionChecks } from "./schedule-deletion-checks";
import type { CheckDeletionsJob } from "./deletion.schemas";

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

/** The next job of a pass that has more to do (null: the pass is over, or was not ours). */
export function continuationOf(payload: CheckDeletionsJob, result: PassStepResult) {
  if (result.status !== "more") return null;
  return {
    payload: { ...payload, passId: result.passId },
    options: { jobId: `${deletionCheckJobId(payload.tenantId, payload.network)}:${result.passId}:${result.step}` },
  };
}

/**
 * Handlers of REVERSAL_JOBS, to be spread into HANDLERS (src/workers/handler-registry.ts):
 * `...REVERSAL_HANDLERS`. Thin: the tenant comes from the payload, the work is in
 * runDeletionPassStep. Failures of the network end the pass (recorded for the screen) and the
 * next tick starts another; only an unexpected error (database down) is retried with backoff.
 */
export const REVERSAL_HANDLERS: { [N in ReversalJobName]: (payload: ReversalJobPayload<N>) => Promise<void> } = {
  "mentions.schedule-deletion-checks": async () => {
    await enqueueReversalJobs("mentions.check-deletions", await unsafeScheduleDeletionChecks());
  },
  "mentions.check-deletions": async (payload) => {
    const result = await runDeletionPassStep(systemContext(payload.tenantId), payload.network, payload.passId);
    const summary =
      result.status === "finished"
        ? { outcome: result.outcome, carriedOver: result.carriedOver, checked: result.last.checked, deleted: result.last.deleted, reason: result.last.reason }
        : {};
    getLogger().info({ tenantId: payload.tenantId, network: payload.network, status: result.status, ...summary }, "deletion pass step");
    const next = continuationOf(payload, result);
    if (next) await enqueueReversalJobs("mentions.check-deletions", [next]);
  },
};
