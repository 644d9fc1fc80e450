import type { Job } from "bullmq";
import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { QUEUE_NAMES, type QueueName } from "../../jobs/job-definitions";
import { getQueue } from "../../jobs/queues";
import { writeAudit } from "../audit/audit.service";
import {
  FAILED_JOBS_LIMIT,
  QUEUE_STATES,
  ZRetryJob,
  type FailedJobDto,
  type QueueSummaryDto,
  type RetryJobInput,
} from "./queue-monitor.schemas";

/**
 * A small queue monitor in place of bull-board (which has no Next.js App Router adapter): counts
 * per state, the latest failures, and "retry this failed job".
 *
 * PLATFORM-LEVEL: the queues are shared by every tenant, so what this reads is not one tenant's.
 * It therefore shows only counts and each failed job's name, id, reason, attempts and times —
 * never `job.data` (payloads carry other tenants' customers' data) and never return values.
 * Every function needs settings:write (admins and owners); a retry is audited in the acting
 * member's tenant.
 */

function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(name);
}

export async function getQueueOverview(ctx: TenantContext): Promise<QueueSummaryDto[]> {
  assertCan(ctx, "settings:write");
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const queue = getQueue(name);
      const [counts, paused] = await Promise.all([queue.getJobCounts(...QUEUE_STATES), queue.isPaused()]);
      const byState = Object.fromEntries(QUEUE_STATES.map((state) => [state, counts[state] ?? 0])) as QueueSummaryDto["counts"];
      return { name, paused, counts: byState };
    }),
  );
}

/** Reasons are shown to staff: one line, credentials masked, bounded. */
function cleanReason(reason: string | undefined): string {
  const text = (reason ?? "")
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=%-]+/gi, "$1 [redacted]")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return "(no reason recorded)";
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function toFailedJobDto(queue: QueueName, job: Pick<Job, "id" | "name" | "failedReason" | "attemptsMade" | "timestamp" | "finishedOn">): FailedJobDto {
  return {
    queue,
    id: String(job.id ?? ""),
    name: job.name,
    failedReason: cleanReason(job.failedReason),
    attemptsMade: job.attemptsMade,
    timestamp: new Date(job.timestamp).toISOString(),
    finishedOn: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** The latest failed jobs of all queues (or one), most recent failure first. */
export async function listFailedJobs(
  ctx: TenantContext,
  { queue, limit = FAILED_JOBS_LIMIT }: { queue?: string; limit?: number } = {},
): Promise<FailedJobDto[]> {
  assertCan(ctx, "settings:write");
  if (queue !== undefined && !isQueueName(queue)) throw AppError.notFound("queue");
  const take = Math.max(1, Math.min(limit, 100));
  const names = queue ? [queue] : [...QUEUE_NAMES];
  const perQueue = await Promise.all(
    names.map(async (name) => (await getQueue(name).getFailed(0, take - 1)).filter(Boolean).map((job) => toFailedJobDto(name, job))),
  );
  return perQueue
    .flat()
    .sort((a, b) => (b.finishedOn ?? b.timestamp).localeCompare(a.finishedOn ?? a.timestamp))
    .slice(0, take);
}

/** Moves one failed job back to waiting with its attempts reset. */
export async function retryFailedJob(ctx: TenantContext, raw: RetryJobInput): Promise<FailedJobDto> {
  assertCan(ctx, "settings:write");
  const input = ZRetryJob.parse(raw);
  if (!isQueueName(input.queue)) throw AppError.notFound("queue");
  const job = await getQueue(input.queue).getJob(input.jobId);
  if (!job) throw AppError.notFound("job");
  const state = await job.getState();
  if (state !== "failed") throw new AppError("CONFLICT", `the job is ${state}, not failed: only failed jobs can be retried`);
  const before = toFailedJobDto(input.queue, job);
  try {
    await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (error) {
    // Another admin (or a worker) moved it first.
    throw new AppError("CONFLICT", "the job could not be retried: it changed meanwhile, reload and try again", { cause: error });
  }
  await getDb().$transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "queue.job_retried",
      targetType: "QueueJob",
      targetId: `${input.queue}/${before.id}`,
      data: { queue: input.queue, name: before.name, attemptsMade: before.attemptsMade },
    }),
  );
  return before;
}
