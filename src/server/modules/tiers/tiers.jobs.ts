import { z } from "zod";
import { defineJob, TICK } from "../../jobs/define-job";

export const ZScheduleTierTracking = z.strictObject({});
export const ZTrackTierChangesJob = z.strictObject({ tenantId: z.string().min(1) });
export type TrackTierChangesJob = z.infer<typeof ZTrackTierChangesJob>;

/** The dedupe id of a brand's tracking run: one waiting or running at a time. */
export function trackTierChangesJobId(tenantId: string): string {
  return `tier-changes:${tenantId}`;
}

/** Every minute: one `tiers.track-changes` per brand with tiers (or that had some: leaving them is a move too). */
export const scheduleTierTrackingJob = defineJob({
  ...TICK,
  name: "tiers.schedule-tracking",
  payload: ZScheduleTierTracking,
  handler: async () => (await import("./tiers.handlers")).scheduleTierTrackingHandler,
  schedule: { id: "tiers-tracking-scheduler", everyMs: 60_000 },
});

/** One brand: tell each customer's move between tiers once (track-tier-changes.ts), as a tier.changed webhook event. */
export const trackTierChangesJob = defineJob({
  name: "tiers.track-changes",
  scope: "tenant",
  queue: "maintenance",
  payload: ZTrackTierChangesJob,
  handler: async () => (await import("./tiers.handlers")).trackTierChangesHandler,
  retry: { attempts: 3, backoffMs: 10_000 },
  retain: "recent",
  dedupe: "while-pending",
});

export const TIER_JOBS = [scheduleTierTrackingJob, trackTierChangesJob] as const;
