import { unsafeListTenantsWithDueProfiles } from "../../modules/social-profiles/due-profiles";
import { publishingNetworks } from "../../modules/sharing/share-eligibility";
import { enqueueMany } from "../../jobs/queues";

/** The dedupe id of a tenant's refresh on one network: one waiting or running refresh at a time. */
export function refreshJobId(tenantId: string, network: string): string {
  return `profiles-refresh:${tenantId}:${network}`;
}

/**
 * The refresh scheduler's fan-out (cross-tenant): one `profiles.refresh-tenant` job per tenant
 * and network with due profiles, on networks that have a provider. The dedupe id is the pair's,
 * so a refresh still waiting, running or delayed by a rate limit is not enqueued twice; it is
 * freed when the refresh ends (a failed one stays on the queue screens).
 */
export async function scheduleProfileRefreshes(now = new Date()): Promise<number> {
  const networks = new Set<string>(publishingNetworks());
  const due = (await unsafeListTenantsWithDueProfiles(now)).filter((d) => networks.has(d.network));
  await enqueueMany(
    "profiles.refresh-tenant",
    due.map((d) => ({
      payload: { tenantId: d.tenantId, network: d.network },
      options: { jobId: refreshJobId(d.tenantId, d.network) },
    })),
  );
  return due.length;
}
