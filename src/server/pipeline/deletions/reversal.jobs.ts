import { defineJob, TICK } from "../../jobs/define-job";
import { ZCheckDeletionsJob, ZScheduleDeletionChecksJob } from "./deletion.schemas";
import { DELETION_PASS_EVERY_MS } from "./deletion-tiers";

/**
 * The deletion checks: a post deleted upstream has its mention cleared and its points reversed
 * (run-deletion-pass.ts). A pass's start id dedupes only while it is pending, so a failed pass
 * stays on the queue screens without blocking the next one, and "Run a pass now" finds a start
 * already queued; outcomes are in the database (DELETED mentions, reversal entries,
 * DeletionCheckState).
 */

/**
 * The tick: one pass-starting `mentions.check-deletions` per tenant+network with due mentions.
 * Every 10 minutes (DELETION_PASS_EVERY_MS): each pass reads only the mentions due by their age
 * tier, so a young post that is deleted loses its points within minutes, an old one within a day.
 */
export const scheduleDeletionChecksJob = defineJob({
  ...TICK,
  name: "mentions.schedule-deletion-checks",
  payload: ZScheduleDeletionChecksJob,
  handler: async () => (await import("./reversal.handlers")).scheduleDeletionChecksHandler,
  schedule: { id: "mentions-deletion-check-scheduler", everyMs: DELETION_PASS_EVERY_MS },
});

/**
 * One step of a tenant+network's deletion pass (passId null: start one; also "Run a pass now").
 * At most LOOKUPS_PER_STEP lookups within the pass's budget; queues its own next step. On the
 * ledger queue: it moves points.
 */
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
