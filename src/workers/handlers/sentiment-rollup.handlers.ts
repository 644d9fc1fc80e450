import { systemContext } from "@/server/auth/tenant-context";
import { rollUpCustomerSentiment } from "@/server/modules/customers/customer-sentiment";
import { scheduleSentimentRollups } from "@/server/modules/customers/schedule-sentiment-rollups";
import { getLogger } from "@/server/logger";
import type { JobHandler } from "../handler-registry";

/** The tick: fans out one rollup per tenant with recent mentions or labelled customers. */
export const scheduleSentimentRollupHandler: JobHandler<"customers.schedule-sentiment-rollup"> = async () => {
  await scheduleSentimentRollups();
};

/** One tenant's rollup; errors are rethrown so the job's retries apply. */
export const sentimentRollupHandler: JobHandler<"customers.sentiment-rollup"> = async ({ tenantId }) => {
  const result = await rollUpCustomerSentiment(systemContext(tenantId));
  getLogger().debug({ tenantId, ...result }, "customer sentiment rolled up");
};
