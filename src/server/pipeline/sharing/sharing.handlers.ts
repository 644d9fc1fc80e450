import { DelayedError, type Job } from "bullmq";
import { systemContext } from "../../auth/tenant-context";
import { getLogger } from "../../logger";
import { refreshDueProfiles } from "../refresh/refresh-profiles";
import { scheduleProfileRefreshes } from "../refresh/schedule-refresh";
import { postShare } from "./post-share";
import { sweepUnfinishedShares } from "./queue-shares";
import type { JobHandler } from "../../jobs/define-job";
import type { RefreshTenantProfilesJob } from "../refresh/refresh.schemas";
import type { SharePostAwardJob } from "./sharing.jobs";

/** A retryable outcome (share in flight elsewhere, transient failure): BullMQ's backoff applies. */
export class RetryLaterError extends Error {
  override name = "RetryLaterError";
}

/**
 * Parks the job until `until` without counting a failed attempt (BullMQ's manual delay:
 * moveToDelayed with the worker's lock token, then DelayedError). Without a token (the handler
 * called outside a worker) the job cannot be moved, so a plain error makes the backoff apply.
 */
async function delayJobUntil(job: Job, until: Date, why: string): Promise<never> {
  if (!job.token) throw new RetryLaterError(`${why} until ${until.toISOString()}`);
  await job.moveToDelayed(Math.max(Date.now(), until.getTime()), job.token);
  throw new DelayedError(`${why} until ${until.toISOString()}`);
}

export const postAwardHandler: JobHandler<SharePostAwardJob> = async ({ tenantId, sharePostId }, job) => {
  const outcome = await postShare(systemContext(tenantId), sharePostId);
  switch (outcome.status) {
    case "posted":
    case "skipped":
      getLogger().debug({ tenantId, sharePostId, ...outcome }, "share handled");
      return;
    case "failed":
      // Recorded on the row (FAILED + lastError); retrying cannot help.
      getLogger().info({ tenantId, sharePostId, reason: outcome.reason }, "share failed for good");
      return;
    case "retry":
      throw new RetryLaterError(outcome.reason);
    case "throttled":
      return delayJobUntil(job, outcome.until, "rate limited");
    default: {
      const unreachable: never = outcome;
      throw new Error(`unknown share outcome ${JSON.stringify(unreachable)}`);
    }
  }
};

export const refreshTenantHandler: JobHandler<RefreshTenantProfilesJob> = async ({ tenantId, network }, job) => {
  const result = await refreshDueProfiles(systemContext(tenantId), { network });
  getLogger().debug({ tenantId, network, ...result }, "profiles refreshed");
  if (result.status === "throttled" && result.throttledUntil) return delayJobUntil(job, result.throttledUntil, "rate limited");
};

export const sweepSharesHandler: JobHandler<unknown> = async () => {
  await sweepUnfinishedShares();
};

export const scheduleProfileRefreshHandler: JobHandler<unknown> = async () => {
  await scheduleProfileRefreshes();
};
