import type { z } from "zod";
import type { JobDefinition } from "../../jobs/job-scope";
import { ZCheckDeletionsJob, ZScheduleDeletionChecksJob } from "./deletion.schemas";
import { DELETION_PASS_EVERY_MS } from "./deletion-tiers";

/**
 * Job definitions of the deletion checks, in the shape of JOB_DEFINITIONS
 * (src/server/jobs/job-definitions.ts), to be spread into it: `...REVERSAL_JOBS`.
 * This file imports only types from job-definitions, so spreading it there makes no cycle.
 *
 * Both remove themselves when they end (also on failure, after their retries): the start job's
 * id is the dedupe key of a queued pass and must be free for the next one. Outcomes are in the
 * database (DELETED mentions, reversal entries, DeletionCheckState); failures in the worker's log.
 */
export const REVERSAL_JOBS = {
  /** The scheduler's tick: one pass-starting `mentions.check-deletions` per tenant+network with due mentions. */
  "mentions.schedule-deletion-checks": {
    scope: "platform",
    queue: "listening",
    schema: ZScheduleDeletionChecksJob,
    options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
  /**
   * One step of a tenant+network's deletion pass (passId null: start one; also "Run a pass now").
   * At most LOOKUPS_PER_STEP lookups within the pass's budget; queues its own next step.
   */
  "mentions.check-deletions": {
    scope: "tenant",
    queue: "listening",
    schema: ZCheckDeletionsJob,
    options: { attempts: 4, backoff: { type: "exponential", delay: 5_000 }, removeOnComplete: true, removeOnFail: true },
  },
} as const satisfies Record<string, JobDefinition>;

export type ReversalJobName = keyof typeof REVERSAL_JOBS;
export type ReversalJobPayload<N extends ReversalJobName> = z.infer<(typeof REVERSAL_JOBS)[N]["schema"]>;

/**
 * The repeating tick, for src/server/jobs/schedulers.ts:
 *   getQueue("listening").upsertJobScheduler(DELETION_CHECK_SCHEDULER.id, { every: DELETION_CHECK_SCHEDULER.every }, DELETION_CHECK_SCHEDULER.template)
 * Every 10 minutes (DELETION_PASS_EVERY_MS): each pass reads only the mentions due by their age
 * tier, so a young post that is deleted loses its points within minutes, an old one within a day.
 */
export const DELETION_CHECK_SCHEDULER = {
  id: "mentions-deletion-check-scheduler",
  every: DELETION_PASS_EVERY_MS,
  template: {
    name: "mentions.schedule-deletion-checks",
    data: {},
    opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
} as const;
