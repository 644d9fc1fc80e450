import { DelayedError, type Job } from "bullmq";
import { getQueue } from "../../jobs/queues";
import { getLogger } from "../../logger";
import { refreshDueProfiles } from "../refresh/refresh-profiles";
import { scheduleProfileRefreshes } from "../refresh/schedule-refresh";
import { postShare } from "./post-share";
import { sweepUnfinishedShares } from "./queue-shares";
import type { SharingJobName, SharingJobPayload } from "./sharing.jobs";

export type SharingJobHandler<N extends SharingJobName> = (payload: SharingJobPayload<N>, job: Job) => Promise<void>;

/** Retryable failure: BullMQ's backoff applies. */
export class RetryShareError extends Error {
  override name = "RetryShareError";
}

/**
 * Parks the job until `until` without counting a failed attempt (BullMQ's manual delay:
 * moveToDelayed with the worker's lock token, then DelayedError). Without a token (the handler
 * called outside a worker) the job cannot be moved, so a plain error makes the backoff apply.
 */
async function delayJobUntil(job: Job, until: Date, why: string): Promise<never> {
  if (!job.token) throw new RetryShareError(`${why} until ${until.toISOString()}`);
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
      throw new RetryShareError(outcome.reason);
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

export const PROFILE_REFRESH_SCHEDULER_ID = "profiles-refresh-scheduler";
export const SHARE_SWEEP_SCHEDULER_ID = "share-sweep-scheduler";

/**
 * The two repeating ticks of sharing and refresh, with stable scheduler ids (one schedule however
 * many workers register). Call from registerSchedulers() in src/server/jobs/schedulers.ts.
 */
export async function registerSharingSchedulers({ refreshEveryMs = 3_600_000, sweepEveryMs = 5 * 60_000 } = {}): Promise<void> {
  const opts = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
  const queue = getQueue("listening");
  await queue.upsertJobScheduler(PROFILE_REFRESH_SCHEDULER_ID, { every: refreshEveryMs }, { name: "profiles.schedule-refresh", data: {}, opts });
  await queue.upsertJobScheduler(SHARE_SWEEP_SCHEDULER_ID, { every: sweepEveryMs }, { name: "share.sweep", data: {}, opts });
}
