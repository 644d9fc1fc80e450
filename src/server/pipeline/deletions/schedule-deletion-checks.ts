import type { JobsOptions } from "bullmq";
import { unsafeCrossTenantDb } from "../../db/client";
import type { Network } from "../../db/generated/enums";
import { getProvider } from "../../social/provider-registry";
import { DELETION_CHECK_WINDOW_MS } from "./check-deleted-mentions";
import type { CheckDeletionsJob } from "./deletion.schemas";

export interface ScheduledDeletionCheck {
  payload: CheckDeletionsJob;
  options: Pick<JobsOptions, "jobId">;
}

function hasProvider(network: Network): boolean {
  try {
    getProvider(network);
    return true;
  } catch {
    return false;
  }
}

/** One pass per tenant and network at a time: a pass still queued is not queued twice. */
export function deletionCheckJobId(tenantId: string, network: Network): string {
  return `check-deletions:${tenantId}:${network}`;
}

/**
 * CROSS-TENANT (the scheduler's fan-out): every tenant+network with mentions collected in the
 * deletion window that are not DELETED yet, as one `mentions.check-deletions` payload each.
 * Reads only (tenantId, network) pairs; the jobs then work inside one tenant each. Networks
 * without a provider (nothing to ask) are left out.
 */
export async function unsafeScheduleDeletionChecks(now = new Date()): Promise<ScheduledDeletionCheck[]> {
  const rows = await unsafeCrossTenantDb().mention.groupBy({
    by: ["tenantId", "network"],
    where: { createdAt: { gte: new Date(now.getTime() - DELETION_CHECK_WINDOW_MS) }, status: { not: "DELETED" } },
    orderBy: [{ tenantId: "asc" }, { network: "asc" }],
  });
  return rows
    .filter((r) => hasProvider(r.network))
    .map((r) => ({
      payload: { tenantId: r.tenantId, network: r.network, cursor: null },
      options: { jobId: deletionCheckJobId(r.tenantId, r.network) },
    }));
}
