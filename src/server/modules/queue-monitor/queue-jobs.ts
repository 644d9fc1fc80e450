import type { Job } from "bullmq";
import { AppError } from "../../errors";
import { tenantIdOf } from "../../jobs/define-job";
import { isQueueName, type QueueName } from "../../jobs/queue-names";
import { getQueue } from "../../jobs/queues";
import { ZJobRef, type FailedJobDto, type JobRefInput } from "./queue-monitor.schemas";

/**
 * What the tenant and the operator monitors share: reading a failed job into its DTO, and the
 * two actions on a failed job. Who may see or touch which job is decided by their callers.
 */

/**
 * The payload fields a monitor may show: ids of the job's own tenant's records (and the network),
 * which tell an admin what failed without carrying anyone's content. Everything else in a payload
 * (cursors, pushed check-ins with people's names, mail bodies with links) stays hidden.
 */
const SAFE_PAYLOAD_FIELDS: Record<string, string> = {
  sourceId: "Source",
  profileId: "Profile",
  sharePostId: "Share",
  network: "Network",
};

function safeDetails(data: unknown): FailedJobDto["details"] {
  if (typeof data !== "object" || data === null) return [];
  return Object.entries(SAFE_PAYLOAD_FIELDS).flatMap(([field, label]) => {
    const value = (data as Record<string, unknown>)[field];
    return typeof value === "string" && value.length <= 100 ? [{ label, value }] : [];
  });
}

/** Reasons are shown to staff: one line, credentials masked, bounded. */
export function cleanReason(reason: string | undefined): string {
  const text = (reason ?? "")
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=%-]+/gi, "$1 [redacted]")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return "(no reason recorded)";
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

export function toFailedJobDto(
  queue: QueueName,
  job: Pick<Job, "id" | "name" | "data" | "failedReason" | "attemptsMade" | "timestamp" | "finishedOn">,
): FailedJobDto {
  return {
    queue,
    id: String(job.id ?? ""),
    name: job.name,
    failedReason: cleanReason(job.failedReason),
    attemptsMade: job.attemptsMade,
    timestamp: new Date(job.timestamp).toISOString(),
    finishedOn: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    details: safeDetails(job.data),
  };
}

export function newestFailureFirst(a: FailedJobDto, b: FailedJobDto): number {
  return (b.finishedOn ?? b.timestamp).localeCompare(a.finishedOn ?? a.timestamp);
}

export interface FoundJob {
  queue: QueueName;
  job: Job;
  /** The tenant the payload names; null for platform jobs. */
  tenantId: string | null;
}

/** The job a form names, or NOT_FOUND (unknown queue or id). */
export async function findJob(raw: JobRefInput): Promise<FoundJob> {
  const input = ZJobRef.parse(raw);
  if (!isQueueName(input.queue)) throw AppError.notFound("job");
  const job = await getQueue(input.queue).getJob(input.jobId);
  if (!job) throw AppError.notFound("job");
  return { queue: input.queue, job, tenantId: tenantIdOf(job.data) };
}

async function assertFailed(job: Job, verb: string): Promise<void> {
  const state = await job.getState();
  if (state !== "failed") throw new AppError("CONFLICT", `the job is ${state}, not failed: only failed jobs can be ${verb}`);
}

/** Moves one failed job back to waiting with its attempts reset; returns it as it was. */
export async function retryFailed({ queue, job }: FoundJob): Promise<FailedJobDto> {
  await assertFailed(job, "retried");
  const before = toFailedJobDto(queue, job);
  try {
    await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (error) {
    // Another admin (or a worker) moved it first.
    throw new AppError("CONFLICT", "the job could not be retried: it changed meanwhile, reload and try again", { cause: error });
  }
  return before;
}

/** Removes one failed job for good; returns it as it was. */
export async function discardFailed({ queue, job }: FoundJob): Promise<FailedJobDto> {
  await assertFailed(job, "discarded");
  const before = toFailedJobDto(queue, job);
  try {
    await job.remove();
  } catch (error) {
    throw new AppError("CONFLICT", "the job could not be discarded: it changed meanwhile, reload and try again", { cause: error });
  }
  return before;
}
