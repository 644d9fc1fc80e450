import { z } from "zod";

/** The job states the monitor counts, in the order the page shows them. */
export const QUEUE_STATES = ["waiting", "prioritized", "delayed", "active", "completed", "failed"] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export const FAILED_JOBS_LIMIT = 20;

export interface QueueSummaryDto {
  name: string;
  paused: boolean;
  counts: Record<QueueState, number>;
  /** The counts cover only the newest jobs of a long backlog (see tenant-job-scan.ts): "at least". */
  partial: boolean;
}

/** A payload field shown beside a failed job: ids of the viewer's own records, never content. */
export interface JobDetailDto {
  label: string;
  value: string;
}

/**
 * A failed job as the monitor shows it: name, id, reason, attempts, times and the few payload
 * fields listed in SAFE_PAYLOAD_FIELDS. Never the rest of its payload (mentions' text, check-in
 * authors, mail bodies and their links).
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
  details: JobDetailDto[];
}

/** The operator's view of a failed job also says whose it is. */
export interface PlatformFailedJobDto extends FailedJobDto {
  /** null: a platform job (scheduler tick, mail). */
  tenantId: string | null;
}

/** Identifies one job for retry or discard. */
export const ZJobRef = z.strictObject({
  queue: z.string().min(1, "queue is required").max(100),
  jobId: z.string().min(1, "job id is required").max(500),
});
export type JobRefInput = z.input<typeof ZJobRef>;
