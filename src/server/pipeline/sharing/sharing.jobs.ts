import { z } from "zod";
import { defineJob, TICK } from "../../jobs/define-job";
import { ZRefreshTenantProfilesJob, ZScheduleProfileRefresh } from "../refresh/refresh.schemas";

/**
 * The jobs of sharing (posting awards on customers' behalf) and profile refresh, on the sharing
 * queue: they wait on the networks' APIs and must not hold up listening or mail. Ingest and the
 * portal import this file to enqueue shares: handlers load lazily.
 */

export const ZSharePostAwardJob = z.strictObject({
  tenantId: z.string().min(1),
  sharePostId: z.string().min(1),
});
export type SharePostAwardJob = z.infer<typeof ZSharePostAwardJob>;

export const ZSweepShares = z.strictObject({});

/**
 * One award → one post on the customer's behalf (the SharePost row decides; see post-share.ts).
 * The job id is the row's: a share whose job waits, backs off or sits failed is not queued again.
 * More queue attempts than SHARE_MAX_ATTEMPTS: a run that finds the row leased by another worker
 * retries without consuming one of the row's attempts.
 */
export const postAwardJob = defineJob({
  name: "share.post-award",
  scope: "tenant",
  queue: "sharing",
  payload: ZSharePostAwardJob,
  handler: async () => (await import("./sharing.handlers")).postAwardHandler,
  retry: { attempts: 8, backoffMs: 5_000 },
  retain: "history",
});

/** The tick: re-enqueues unfinished shares whose job was lost. Every 5 minutes. */
export const sweepSharesJob = defineJob({
  ...TICK,
  name: "share.sweep",
  payload: ZSweepShares,
  handler: async () => (await import("./sharing.handlers")).sweepSharesHandler,
  schedule: { id: "share-sweep-scheduler", everyMs: 5 * 60_000 },
});

/** The tick: one refresh job per tenant and network with profiles due. Hourly. */
export const scheduleProfileRefreshJob = defineJob({
  ...TICK,
  name: "profiles.schedule-refresh",
  payload: ZScheduleProfileRefresh,
  handler: async () => (await import("./sharing.handlers")).scheduleProfileRefreshHandler,
  schedule: { id: "profiles-refresh-scheduler", everyMs: 60 * 60_000 },
});

/** Refreshes a tenant's due profiles on one network (batched user lookups); one pending per pair. */
export const refreshTenantProfilesJob = defineJob({
  name: "profiles.refresh-tenant",
  scope: "tenant",
  queue: "sharing",
  payload: ZRefreshTenantProfilesJob,
  handler: async () => (await import("./sharing.handlers")).refreshTenantHandler,
  retry: { attempts: 3, backoffMs: 30_000 },
  retain: "history",
  dedupe: "while-pending",
});

export const SHARING_JOBS = [postAwardJob, sweepSharesJob, scheduleProfileRefreshJob, refreshTenantProfilesJob] as const;
