import type { z } from "zod";
import type { JobDefinition } from "../../jobs/job-scope";
import { ZCheckDeletionsJob, ZScheduleDeletionChecksJob } from "./deletion.schemas";

/**
 * Job definitions of the deletion checks, in the shape of JOB_DEFINITIONS
 * (src/server/jobs/job-definitions.ts), to be spread into it: `...REVERSAL_JOBS`.
 * This file imports only types from job-definitions, so spreading it there makes no cycle.
 *
 * Both remove themselves when they end (also on failure, after their retries): the job id is
 * the pass's dedupe key and must be free for the next scheduled pass. Outcomes are in the
 * database (DELETED mentions, reversal entries); failures are in the worker's log.
 */
export const REVERSAL_JOBS = {
  /** The scheduler's tick: one `mentions.check-deletions` per tenant+network with recent mentions. */
  "mentions.schedule-deletion-checks": {
    scope: "platform",
    queue: "listening",
    schema: ZScheduleDeletionChecksJob,
    options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
  /** Up to DEFAULT_DELETION_CHECK_LIMIT mentions of one tenant+network; continues itself. */
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
 * Hourly: a deleted post loses its points within about an hour (plus the pass's length).
 */
export const DELETION_CHECK_SCHEDULER = {
  id: "mentions-deletion-check-scheduler",
  every: 60 * 60_000,
  template: {
    name: "mentions.schedule-deletion-checks",
    data: {},
    opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
} as const;
