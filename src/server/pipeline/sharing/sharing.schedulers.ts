import { upsertPlatformTick } from "../../jobs/platform-ticks";

export const PROFILE_REFRESH_SCHEDULER_ID = "profiles-refresh-scheduler";
export const SHARE_SWEEP_SCHEDULER_ID = "share-sweep-scheduler";

/**
 * The two repeating ticks of sharing and refresh, with stable scheduler ids (one schedule however
 * many workers register). Call from registerSchedulers() in src/server/jobs/schedulers.ts.
 */
export async function registerSharingSchedulers({ refreshEveryMs = 3_600_000, sweepEveryMs = 5 * 60_000 } = {}): Promise<void> {
  const opts = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
  await upsertPlatformTick(PROFILE_REFRESH_SCHEDULER_ID, refreshEveryMs, { name: "profiles.schedule-refresh", data: {}, opts });
  await upsertPlatformTick(SHARE_SWEEP_SCHEDULER_ID, sweepEveryMs, { name: "share.sweep", data: {}, opts });
}
