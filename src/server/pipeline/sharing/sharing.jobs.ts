import type { JobsOptions } from "bullmq";
import { z } from "zod";
import type { JobDefinition } from "../../jobs/job-scope";
import { ZRefreshTenantProfilesJob, ZScheduleProfileRefresh } from "../refresh/refresh.schemas";

/**
 * Job definitions of sharing (posting awards on customers' behalf) and profile refresh, in the
 * shape of JOB_DEFINITIONS so they can be spread into it. Definitions only: the handlers are in
 * sharing.handlers.ts, so producers import this file without pulling in worker code.
 */

export const ZSharePostAwardJob = z.strictObject({
  tenantId: z.string().min(1),
  sharePostId: z.string().min(1),
});
export type SharePostAwardJob = z.infer<typeof ZSharePostAwardJob>;

export const ZSweepShares = z.strictObject({});

const RETAIN: Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> = {
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

const TICK: JobsOptions = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };

export const SHARING_JOBS = {
  /** One award → one post on the customer's behalf (the SharePost row decides; see post-share.ts). */
  "share.post-award": {
    scope: "tenant",
    queue: "listening",
    schema: ZSharePostAwardJob,
    // More queue attempts than SHARE_MAX_ATTEMPTS: a run that finds the row leased by another
    // worker retries without consuming one of the row's attempts.
    options: { attempts: 8, backoff: { type: "exponential", delay: 5_000 }, ...RETAIN },
  },
  /** Scheduler tick: re-enqueues unfinished shares whose job was lost. */
  "share.sweep": {
    scope: "platform",
    queue: "listening",
    schema: ZSweepShares,
    options: TICK,
  },
  /** Scheduler tick: one refresh job per tenant and network with profiles due. */
  "profiles.schedule-refresh": {
    scope: "platform",
    queue: "listening",
    schema: ZScheduleProfileRefresh,
    options: TICK,
  },
  /** Refreshes a tenant's due profiles on one network (batched user lookups). */
  "profiles.refresh-tenant": {
    scope: "tenant",
    queue: "listening",
    schema: ZRefreshTenantProfilesJob,
    options: { attempts: 3, backoff: { type: "exponential", delay: 30_000 }, ...RETAIN },
  },
} as const satisfies Record<string, JobDefinition>;

export type SharingJobName = keyof typeof SHARING_JOBS;
export type SharingJobPayload<N extends SharingJobName> = z.infer<(typeof SHARING_JOBS)[N]["schema"]>;
