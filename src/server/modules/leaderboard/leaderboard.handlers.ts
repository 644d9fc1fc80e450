import { systemContext } from "../../auth/tenant-context";
import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import { syncLeaderboard } from "./leaderboard-sync";
import type { LeaderboardSyncJob } from "./leaderboard.jobs";

/** One tenant's sync; errors are rethrown so the job's retries apply. */
export const leaderboardSyncHandler: JobHandler<LeaderboardSyncJob> = async ({ tenantId }) => {
  const outcome = await syncLeaderboard(systemContext(tenantId));
  getLogger().debug({ tenantId, ...outcome }, "leaderboard synced");
};
