import { getEnv } from "../env";
import { SENTIMENT_ROLLUP_SCHEDULER } from "../modules/customers/sentiment-rollup.jobs";
import { CHECKIN_SCHEDULER } from "../pipeline/checkins/checkins.jobs";
import { DELETION_CHECK_SCHEDULER } from "../pipeline/deletions/reversal.jobs";
import { registerSharingSchedulers } from "../pipeline/sharing/sharing.schedulers";
import { upsertPlatformTick } from "./platform-ticks";

/**
 * Repeating jobs, registered by every worker process at start. A stable scheduler id makes
 * BullMQ keep exactly one schedule however many workers register it.
 */
export async function registerSchedulers(): Promise<void> {
  await upsertPlatformTick("listening-scheduler", getEnv().LISTENING_SCHEDULER_EVERY_MS, {
    name: "listening.schedule",
    data: {},
    opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  });
  await registerSharingSchedulers();
  await upsertPlatformTick(DELETION_CHECK_SCHEDULER.id, DELETION_CHECK_SCHEDULER.every, DELETION_CHECK_SCHEDULER.template);
  await upsertPlatformTick(CHECKIN_SCHEDULER.id, getEnv().LISTENING_SCHEDULER_EVERY_MS, CHECKIN_SCHEDULER.template);
  await upsertPlatformTick(SENTIMENT_ROLLUP_SCHEDULER.id, SENTIMENT_ROLLUP_SCHEDULER.every, SENTIMENT_ROLLUP_SCHEDULER.template);
}
