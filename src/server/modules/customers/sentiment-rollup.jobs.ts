import { z } from "zod";
import { defineJob, TICK } from "../../jobs/define-job";

/** The customer sentiment rollup (customer-sentiment.ts): housekeeping, on the maintenance queue. */

export const ZScheduleSentimentRollup = z.strictObject({});
export const ZSentimentRollupJob = z.strictObject({ tenantId: z.string().min(1) });
export type SentimentRollupJob = z.infer<typeof ZSentimentRollupJob>;

/** The dedupe id of a tenant's rollup: one waiting or running at a time. */
export function sentimentRollupJobId(tenantId: string): string {
  return `sentiment-rollup:${tenantId}`;
}

/**
 * The tick: one `customers.sentiment-rollup` per tenant with recent mentions or labels. Every 10
 * minutes: labels follow what customers said within about that long, and a run with nothing
 * changed costs one index range read per tenant.
 */
export const scheduleSentimentRollupJob = defineJob({
  ...TICK,
  name: "customers.schedule-sentiment-rollup",
  payload: ZScheduleSentimentRollup,
  handler: async () => (await import("./sentiment-rollup.handlers")).scheduleSentimentRollupHandler,
  schedule: { id: "customers-sentiment-rollup-scheduler", everyMs: 10 * 60_000 },
});

/**
 * One tenant: customers whose mentions changed since the last run get their score and label
 * recomputed. The outcome lives in SentimentRollupState; the dedupe id (the tenant's) is freed
 * when the job ends, so a failed rollup, kept visible, does not block the next tick's.
 */
export const sentimentRollupJob = defineJob({
  name: "customers.sentiment-rollup",
  scope: "tenant",
  queue: "maintenance",
  payload: ZSentimentRollupJob,
  handler: async () => (await import("./sentiment-rollup.handlers")).sentimentRollupHandler,
  retry: { attempts: 3, backoffMs: 10_000 },
  retain: "none",
  dedupe: "while-pending",
});

export const SENTIMENT_ROLLUP_JOBS = [scheduleSentimentRollupJob, sentimentRollupJob] as const;
