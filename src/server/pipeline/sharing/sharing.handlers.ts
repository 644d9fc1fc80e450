import { DelayedError, type Job } from "bullmq";
import { getLogger } from "../../logger";
import { refreshDueProfiles } from "../refresh/refresh-profiles";
import { scheduleProfileRefreshes } from "../refresh/schedule-refresh";
import { postShare } from "./post-share";
import { sweepUnfinishedShares } from "./queue-shares";
import type { SharingJobName, SharingJobPayload } from "./sharing.jobs";

export type SharingJobHandler<N extends SharingJobName> = (payload: SharingJobPayload<N>, job: Job) => Promise<void>;

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

const postAwardHandler: SharingJobHandler<"share.post-award"> = async ({ tenantId, sharePostId }, job) => {
  const outcome = await postShare(tenantId, sharePostId);
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

const refreshTenantHandler: SharingJobHandler<"profiles.refresh-tenant"> = async ({ tenantId, network }, job) => {
  const result = await refreshDueProfiles(tenantId, { network });
  getLogger().debug({ tenantId, network, ...result }, "profiles refreshed");
  if (result.status === "throttled" && result.throttledUntil) return delayJobUntil(job, result.throttledUntil, "rate limited");
};

/** One handler per SHARING_JOBS entry, with the `(payload, job) => Promise<void>` signature of HANDLERS. */
export const SHARING_HANDLERS: { [N in SharingJobName]: SharingJobHandler<N> } = {
  "share.post-award": postAwardHandler,
  "share.sweep": async () => {
    await sweepUnfinishedShares();
  },
  "profiles.schedule-refresh": async () => {
    await scheduleProfileRefreshes();
  },
  "profiles.refresh-tenant": refreshTenantHandler,
};
