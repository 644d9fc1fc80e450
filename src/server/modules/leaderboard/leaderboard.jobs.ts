import { z } from "zod";
import type { TenantScope } from "../../auth/tenant-context";
import { defineJob } from "../../jobs/define-job";

export const ZLeaderboardSyncJob = z.strictObject({ tenantId: z.string().min(1) });
export type LeaderboardSyncJob = z.infer<typeof ZLeaderboardSyncJob>;

/** The dedupe id of a tenant's sync: one waiting or running at a time. */
export function leaderboardSyncJobId(scope: TenantScope): string {
  return `leaderboard-sync:${scope.tenantId}`;
}

/**
 * One tenant's leaderboard brought up to its ledger (leaderboard-sync.ts). Enqueued by reads of a
 * board whose last sync is a few seconds old, so only boards someone looks at cost anything.
 */
export const leaderboardSyncJob = defineJob({
  name: "leaderboard.sync",
  scope: "tenant",
  queue: "maintenance",
  payload: ZLeaderboardSyncJob,
  handler: async () => (await import("./leaderboard.handlers")).leaderboardSyncHandler,
  retry: { attempts: 3, backoffMs: 2_000 },
  retain: "none",
  dedupe: "while-pending",
});

export const LEADERBOARD_JOBS = [leaderboardSyncJob] as const;
