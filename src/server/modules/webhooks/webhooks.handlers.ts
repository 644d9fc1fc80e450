import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import { deliverDueWebhooks } from "./deliver-webhooks";
import { pruneDeliveryLog } from "./prune-deliveries";

export const deliverWebhooksHandler: JobHandler<unknown> = async () => {
  const { attempted, delivered } = await deliverDueWebhooks();
  if (attempted > 0) getLogger().info({ attempted, delivered }, "webhook deliveries attempted");
  const pruned = await pruneDeliveryLog();
  if (pruned > 0) getLogger().info({ pruned }, "old webhook deliveries removed from the log");
};
