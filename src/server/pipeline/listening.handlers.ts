import { systemContext } from "../auth/tenant-context";
import { pauseForFaultInjection } from "../fault-injection";
import type { JobHandler } from "../jobs/define-job";
import { enqueue } from "../jobs/queues";
import { getLogger } from "../logger";
import type { PollSourceJob } from "./pipeline.schemas";
import { pollSourcePage } from "./poll-source";
import { recordSourceRunJob } from "./source-run-liveness";
import { scheduleDuePolls } from "./schedule-polls";

export const scheduleListeningHandler: JobHandler<unknown> = async () => {
  await scheduleDuePolls();
};

/**
 * One page per job. A retryable failure is rethrown so BullMQ's backoff applies; the next page
 * of a run is its own job, delayed until the rate limit resets when the budget is spent. Which
 * job carries the source's run is recorded (source-run-liveness.ts) so the scheduler can tell a
 * run in progress from one whose worker died.
 */
export const pollSourceHandler: JobHandler<PollSourceJob> = async ({ tenantId, sourceId, cursor }, job) => {
  pauseForFaultInjection("before-poll", `job ${job.id}`);
  // A first page claims the source, so it carries the run from here; a later page was recorded
  // when the page before it queued it.
  // One clock reading for both: the claim's start must not be earlier than the first page's record.
  const now = new Date();
  if (cursor === null && job.id) await recordSourceRunJob(sourceId, job.id, { run: now.getTime(), page: 0 });
  const outcome = await pollSourcePage(systemContext(tenantId), sourceId, cursor, now);
  if (outcome.status === "failed" && outcome.retryable) throw new Error(outcome.reason);
  if (outcome.status === "page") {
    getLogger().debug({ tenantId, sourceId, ...outcome.ingest }, "mention page ingested");
    if (outcome.next) {
      const delay = outcome.nextNotBefore ? Math.max(0, outcome.nextNotBefore.getTime() - Date.now()) : 0;
      const next = await enqueue(
        "listening.poll-source",
        { tenantId, sourceId, cursor: outcome.next },
        { jobId: `poll:${sourceId}:${outcome.next.startedAt}:${outcome.next.pageToken}`, delay },
      );
      if (next) await recordSourceRunJob(sourceId, next, { run: Date.parse(outcome.next.startedAt), page: outcome.next.page ?? 1 });
    }
  }
};
