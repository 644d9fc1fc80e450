import { z } from "zod";

/** The job states the monitor counts, in the order the page shows them. */
export const QUEUE_STATES = ["waiting", "prioritized", "delayed", "active", "completed", "failed"] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export const FAILED_JOBS_LIMIT = 20;

export interface QueueSummaryDto {
  name: string;
  paused: boolean;
  counts: Record<QueueState, number>;
}

/**
 * A failed job as the monitor shows it: name, id, reason, attempts and times. Never its payload,
 * which may carry personal data of any tenant's customers.
 */
export interface FailedJobDto {
  queue: string;
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  /** When the job was created. */
  timestamp: string;
  /** When it last failed. */
  finishedOn: string | null;
}

export const ZRetryJob = z.strictObject({
  queue: z.string().min(1, "queue is required").max(100),
  jobId: z.string().min(1, "job id is required").max(500),
});
export type RetryJobInput = z.input<typeof ZRetryJob>;
