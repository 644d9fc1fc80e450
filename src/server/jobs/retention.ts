import type { JobsOptions } from "bullmq";

/**
 * How long finished jobs stay in Redis: the one copy of these settings, named by each job's
 * `retain`. A FAILED job is kept the same way whatever its kind — with its reason, listed on the
 * queue screens until someone retries or discards it — bounded only so that a storm of failures
 * cannot fill Redis (two weeks, 10 000 per queue). What differs is how much success is kept.
 */
export const RETENTION = {
  /** Completed jobs kept a day (up to 1 000): a recent history to inspect. */
  history: { age: 24 * 3600, count: 1_000 },
  /** Completed jobs dropped at once: their outcome lives in Postgres (a source's sync state, a MailMessage row). */
  none: true,
  /** Scheduler ticks: the last 100 runs of each. */
  recent: { count: 100 },
} as const satisfies Record<string, JobsOptions["removeOnComplete"]>;

export type Retention = keyof typeof RETENTION;

/** Failed jobs stay visible with their reason until retried or discarded (bounded, see above). */
export const FAILED_JOB_RETENTION = { age: 14 * 24 * 3600, count: 10_000 } as const;

export function retentionOptions(retain: Retention): Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> {
  return { removeOnComplete: RETENTION[retain], removeOnFail: FAILED_JOB_RETENTION };
}
