import { pauseForFaultInjection } from "@/server/fault-injection";
import { enqueue } from "@/server/jobs/queues";
import { getLogger } from "@/server/logger";
import { pollSourcePage } from "@/server/pipeline/poll-source";
import { scheduleDuePolls } from "@/server/pipeline/schedule-polls";
import type { JobHandler } from "../handler-registry";

export const scheduleListeningHandler: JobHandler<"listening.schedule"> = async () => {
  await scheduleDuePolls();
};

/**
 * One page per job. A retryable failure is rethrown so BullMQ's backoff applies; the next page
 * of a run is its own job, delayed until the rate limit resets when the budget is spent.
 */
export const pollSourceHandler: JobHandler<"listening.poll-source"> = async ({ tenantId, sourceId, cursor }, job) => {
  pauseForFaultInjection("before-poll", `job ${job.id}`);
  const outcome = await pollSourcePage(tenantId, sourceId, cursor);
  if (outcome.status === "failed" && outcome.retryable) throw new Error(outcome.reason);
  if (outcome.status === "page") {
    getLogger().debug({ tenantId, sourceId, ...outcome.ingest }, "mention page ingested");
    if (outcome.next) {
      const delay = outcome.nextNotBefore ? Math.max(0, outcome.nextNotBefore.getTime() - Date.now()) : 0;
      await enqueue(
        "listening.poll-source",
        { tenantId, sourceId, cursor: outcome.next },
        { jobId: `poll:${sourceId}:${outcome.next.startedAt}:${outcome.next.pageToken}`, delay },
      );
    }
  }
};
