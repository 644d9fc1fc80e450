import { systemContext } from "../../auth/tenant-context";
import { unsafeCrossTenantDb } from "../../db/client";
import type { JobHandler } from "../../jobs/define-job";
import { enqueueMany } from "../../jobs/queues";
import { getLogger } from "../../logger";
import { trackTierChanges } from "./track-tier-changes";
import { trackTierChangesJobId, type TrackTierChangesJob } from "./tiers.jobs";

/** The fan-out: brands with tiers, and brands that tracked tiers before (their ladder may now be empty). */
export const scheduleTierTrackingHandler: JobHandler<unknown> = async () => {
  const db = unsafeCrossTenantDb();
  // cross-tenant: the scheduler lists every brand with tiers to fan out one job each
  const [withTiers, tracked] = await Promise.all([
    db.tier.findMany({ distinct: ["tenantId"], select: { tenantId: true } }),
    db.tierTrackState.findMany({ select: { tenantId: true } }),
  ]);
  const tenantIds = [...new Set([...withTiers, ...tracked].map((r) => r.tenantId))].sort();
  await enqueueMany(
    "tiers.track-changes",
    tenantIds.map((tenantId) => ({ payload: { tenantId }, options: { jobId: trackTierChangesJobId(tenantId) } })),
  );
};

/** One brand's run; errors are rethrown so the job's retries apply. */
export const trackTierChangesHandler: JobHandler<TrackTierChangesJob> = async ({ tenantId }) => {
  const result = await trackTierChanges(systemContext(tenantId));
  if (result.moved > 0 || result.full) getLogger().info({ tenantId, ...result }, "tier moves tracked");
};
