import { defineJob, TICK } from "../../jobs/define-job";
import { ZCheckDeletionsJob, ZScheduleDeletionChecksJob } from "./deletion.schemas";

/**
 * The deletion checks: a post deleted upstream has its mention cleared and its points reversed
 * (check-deleted-mentions.ts). The pass's id dedupes only while it is pending, so a failed pass
 * stays on the queue screens without blocking the next hourly one; outcomes are in the database
 * (DELETED mentions, reversal entries).
 */

/**
 * The tick: one `mentions.check-deletions` per tenant+network with recent mentions. Hourly: a
 * deleted post loses its points within about an hour (plus the pass's length).
 */
export const scheduleDeletionChecksJob = defineJob({
  ...TICK,
  name: "mentions.schedule-deletion-checks",
  payload: ZScheduleDeletionChecksJob,
  handler: async () => (await import("./reversal.handlers")).scheduleDeletionChecksHandler,
  schedule: { id: "mentions-deletion-check-scheduler", everyMs: 60 * 60_000 },
});

/** Up to DEFAULT_DELETION_CHECK_LIMIT mentions of one tenant+network; continues itself. On the ledger queue: it moves points. */
export const checkDeletionsJob = defineJob({
  name: "mentions.check-deletions",
  scope: "tenant",
  queue: "ledger",
  payload: ZCheckDeletionsJob,
  handler: async () => (await import("./reversal.handlers")).checkDeletionsHandler,
  retry: { attempts: 4, backoffMs: 5_000 },
  retain: "history",
  dedupe: "while-pending",
});

export const REVERSAL_JOBS = [scheduleDeletionChecksJob, checkDeletionsJob] as const;
