import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import { deliverDueWebhooks } from "./deliver-webhooks";

export const deliverWebhooksHandler: JobHandler<unknown> = async () => {
  const { attempted, delivered } = await deliverDueWebhooks();
  if (attempted > 0) getLogger().info({ attempted, delivered }, "webhook deliveries attempted");
};
