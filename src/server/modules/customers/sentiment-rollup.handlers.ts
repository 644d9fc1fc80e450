import { systemContext } from "../../auth/tenant-context";
import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import { rollUpCustomerSentiment } from "./customer-sentiment";
import { scheduleSentimentRollups } from "./schedule-sentiment-rollups";
import type { SentimentRollupJob } from "./sentiment-rollup.jobs";

/** The tick: fans out one rollup per tenant with recent mentions or labelled customers. */
export const scheduleSentimentRollupHandler: JobHandler<unknown> = async () => {
  await scheduleSentimentRollups();
};

/** One tenant's rollup; errors are rethrown so the job's retries apply. */
export const sentimentRollupHandler: JobHandler<SentimentRollupJob> = async ({ tenantId }) => {
  const result = await rollUpCustomerSentiment(systemContext(tenantId));
  getLogger().debug({ tenantId, ...result }, "customer sentiment rolled up");
};
