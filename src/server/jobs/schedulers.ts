import { getLogger } from "../logger";
import { jobData } from "./define-job";
import { QUEUE_NAMES } from "./queue-names";
import { getQueue, jobOptions } from "./queues";
import { scheduledJobs } from "./registry";

/**
 * The repeating ticks, built from the registry (every job with a `schedule`) and registered by
 * every worker process at start and after Redis comes back. A stable scheduler id makes BullMQ
 * keep exactly one schedule however many workers register it. A scheduler Redis holds that the
 * registry no longer names (a removed tick, or one that moved to another queue) is removed, so
 * Redis runs exactly the registry's ticks. Returns the ids registered.
 */
export async function registerSchedulers(): Promise<string[]> {
  const ticks = scheduledJobs();
  for (const tick of ticks) {
    const every = typeof tick.schedule.everyMs === "function" ? tick.schedule.everyMs() : tick.schedule.everyMs;
    const { jobId: _id, delay: _delay, deduplication: _dedupe, ...opts } = jobOptions(tick);
    await getQueue(tick.queue).upsertJobScheduler(tick.schedule.id, { every }, { name: tick.name, data: jobData(tick, {}), opts });
  }
  for (const queue of QUEUE_NAMES) {
    const wanted = new Set(ticks.filter((t) => t.queue === queue).map((t) => t.schedule.id));
    for (const scheduler of await getQueue(queue).getJobSchedulers()) {
      if (wanted.has(scheduler.key)) continue;
      await getQueue(queue).removeJobScheduler(scheduler.key);
      getLogger().info({ queue, scheduler: scheduler.key }, "removed a scheduler the job registry no longer names");
    }
  }
  return ticks.map((t) => t.schedule.id);
}
