import { enqueueMany } from "../../jobs/queues";
import { unsafeListTenantsForSentimentRollup } from "./customer-sentiment";
import { sentimentRollupJobId } from "./sentiment-rollup.jobs";

/**
 * The sentiment scheduler's fan-out: one `customers.sentiment-rollup` job per tenant that may
 * have something to recompute. The dedupe id is the tenant's, so a rollup still waiting or running
 * is not enqueued twice. Returns how many tenants were enqueued.
 */
export async function scheduleSentimentRollups(now = new Date()): Promise<number> {
  const tenantIds = await unsafeListTenantsForSentimentRollup(now);
  await enqueueMany(
    "customers.sentiment-rollup",
    tenantIds.map((tenantId) => ({ payload: { tenantId }, options: { jobId: sentimentRollupJobId(tenantId) } })),
  );
  return tenantIds.length;
}
