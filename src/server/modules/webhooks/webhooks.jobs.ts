import { z } from "zod";
import { defineJob, TICK } from "../../jobs/define-job";

export const ZDeliverWebhooks = z.strictObject({});

/**
 * The tick that sends due webhook deliveries (new events and retries), every 5 seconds. It runs on
 * the `mail` queue, with the rest of what leaves for the outside world, so a slow endpoint never
 * holds up the maintenance ticks.
 */
export const deliverWebhooksJob = defineJob({
  ...TICK,
  queue: "mail",
  name: "webhooks.deliver",
  payload: ZDeliverWebhooks,
  handler: async () => (await import("./webhooks.handlers")).deliverWebhooksHandler,
  schedule: { id: "webhooks-deliver-scheduler", everyMs: 5_000 },
});

export const WEBHOOK_JOBS = [deliverWebhooksJob] as const;

/** Beside the tick, each worker process runs the dispatcher loop that sends new events within about a second. */
export const WEBHOOK_LOOPS = [{ name: "webhooks.dispatch", start: async () => (await import("./webhook-dispatcher")).startWebhookDispatcher() }] as const;
