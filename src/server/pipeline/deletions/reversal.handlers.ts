import type { JobHandler } from "../../jobs/define-job";
import { enqueueMany } from "../../jobs/queues";
import { getLogger } from "../../logger";
import { checkDeletedMentions, DEFAULT_DELETION_CHECK_LIMIT, type DeletionCheckOutcome } from "./check-deleted-mentions";
import type { CheckDeletionsJob } from "./deletion.schemas";
import { deletionCheckJobId, unsafeScheduleDeletionChecks } from "./schedule-deletion-checks";

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

/** The tick's fan-out: one pass per tenant+network with recent mentions. */
export const scheduleDeletionChecksHandler: JobHandler<unknown> = async () => {
  await enqueueMany("mentions.check-deletions", await unsafeScheduleDeletionChecks());
};

/**
 * One pass. Thin: the tenant comes from the payload, the work is in checkDeletedMentions; a
 * retryable failure is rethrown so BullMQ's backoff applies.
 */
export const checkDeletionsHandler: JobHandler<CheckDeletionsJob> = async (payload) => {
  const outcome = await checkDeletedMentions(payload.tenantId, { network: payload.network, cursor: payload.cursor, limit: DEFAULT_DELETION_CHECK_LIMIT });
  const { nextCursor: _cursor, ...summary } = outcome;
  getLogger().info({ tenantId: payload.tenantId, network: payload.network, ...summary }, "deletion check");
  if (outcome.status === "failed" && outcome.retryable) throw new Error(outcome.reason ?? "deletion check failed");
  const next = continuationOf(payload, outcome);
  if (next) await enqueueMany("mentions.check-deletions", [next]);
};
