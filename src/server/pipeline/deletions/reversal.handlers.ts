import { systemContext } from "../../auth/tenant-context";
import type { JobHandler } from "../../jobs/define-job";
import { enqueueMany } from "../../jobs/queues";
import { getLogger } from "../../logger";
import type { CheckDeletionsJob } from "./deletion.schemas";
import { runDeletionPassStep, type PassStepResult } from "./run-deletion-pass";
import { deletionCheckJobId, unsafeScheduleDeletionChecks } from "./schedule-deletion-checks";

/** The next job of a pass that has more to do (null: the pass is over, or was not ours). */
export function continuationOf(payload: CheckDeletionsJob, result: PassStepResult) {
  if (result.status !== "more") return null;
  return {
    payload: { ...payload, passId: result.passId },
    options: { jobId: `${deletionCheckJobId(payload.tenantId, payload.network)}:${result.passId}:${result.step}` },
  };
}

/** The tick's fan-out: one pass start per tenant+network with due mentions. */
export const scheduleDeletionChecksHandler: JobHandler<unknown> = async () => {
  await enqueueMany("mentions.check-deletions", await unsafeScheduleDeletionChecks());
};

/**
 * One step of a pass. Thin: the tenant comes from the payload, the work is in
 * runDeletionPassStep. Failures of the network end the pass (recorded for the screen) and the
 * next tick starts another; only an unexpected error (database down) is retried with backoff.
 */
export const checkDeletionsHandler: JobHandler<CheckDeletionsJob> = async (payload) => {
  const result = await runDeletionPassStep(systemContext(payload.tenantId), payload.network, payload.passId);
  const summary =
    result.status === "finished"
      ? { outcome: result.outcome, carriedOver: result.carriedOver, checked: result.last.checked, deleted: result.last.deleted, reason: result.last.reason }
      : {};
  getLogger().info({ tenantId: payload.tenantId, network: payload.network, status: result.status, ...summary }, "deletion pass step");
  const next = continuationOf(payload, result);
  if (next) await enqueueMany("mentions.check-deletions", [next]);
};
