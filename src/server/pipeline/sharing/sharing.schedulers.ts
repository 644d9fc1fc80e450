import { getQueue } from "../../jobs/queues";

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
