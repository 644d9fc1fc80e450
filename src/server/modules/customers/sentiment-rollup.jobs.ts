import { z } from "zod";
import type { JobDefinition } from "../../jobs/job-scope";

/**
 * Job definitions of the customer sentiment rollup (customer-sentiment.ts), in the shape of
 * JOB_DEFINITIONS, spread into it as `...SENTIMENT_ROLLUP_JOBS`. Only types come from
 * job-definitions, so there is no import cycle.
 */

export const ZScheduleSentimentRollup = z.strictObject({});
export const ZSentimentRollupJob = z.strictObject({ tenantId: z.string().min(1) });
export type SentimentRollupJob = z.infer<typeof ZSentimentRollupJob>;

export const SENTIMENT_ROLLUP_JOBS = {
  /** The scheduler's tick: one `customers.sentiment-rollup` per tenant with recent mentions or labels. */
  "customers.schedule-sentiment-rollup": {
    scope: "platform",
    queue: "listening",
    schema: ZScheduleSentimentRollup,
    options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
  /**
   * One tenant: customers whose mentions changed since the last run get their score and label
   * recomputed. Removed when it ends, so its job id (the tenant's) is free for the next tick; the
   * outcome lives in SentimentRollupState.
   */
  "customers.sentiment-rollup": {
    scope: "tenant",
    queue: "listening",
    schema: ZSentimentRollupJob,
    options: { attempts: 3, backoff: { type: "exponential", delay: 10_000 }, removeOnComplete: true, removeOnFail: true },
  },
} as const satisfies Record<string, JobDefinition>;

/** The job id of a tenant's rollup: one waiting or running at a time. */
export function sentimentRollupJobId(tenantId: string): string {
  return `sentiment-rollup:${tenantId}`;
}

/**
 * The repeating tick, registered in src/server/jobs/schedulers.ts. Every 10 minutes: labels
 * follow what customers said within about that long, and a run with nothing changed costs one
 * index range read per tenant.
 */
export const SENTIMENT_ROLLUP_SCHEDULER = {
  id: "customers-sentiment-rollup-scheduler",
  every: 10 * 60_000,
  template: {
    name: "customers.schedule-sentiment-rollup",
    data: {},
    opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
} as const;
