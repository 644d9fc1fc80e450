import { z } from "zod";
import { defineJob, TICK } from "../../jobs/define-job";
import { ZDrainNotificationsJob, ZSendDigestsJob } from "./notification.schemas";

/** Customer notification emails (drain-outbox.ts, send-digests.ts), on the maintenance queue. */

export const drainJobId = (tenantId: string) => `notifications-drain:${tenantId}`;
export const digestJobId = (tenantId: string, day: string) => `notifications-digest:${tenantId}:${day}`;

/**
 * The tick: a drain per tenant with outbox rows (the safety net under the nudge a redemption
 * gives), and the digests of every finished UTC day still waiting. Every 30 seconds: a reward
 * code or an affordable notice arrives within about that long of the award.
 */
export const notificationsTickJob = defineJob({
  ...TICK,
  name: "notifications.tick",
  payload: z.strictObject({}),
  handler: async () => (await import("./notifications.handlers")).notificationsTickHandler,
  schedule: { id: "notifications-scheduler", everyMs: 30_000 },
});

/** One tenant's outbox, drained in batches; one waiting or running per tenant. */
export const drainNotificationsJob = defineJob({
  name: "notifications.drain",
  scope: "tenant",
  queue: "maintenance",
  payload: ZDrainNotificationsJob,
  handler: async () => (await import("./notifications.handlers")).drainNotificationsHandler,
  retry: { attempts: 5, backoffMs: 5_000 },
  retain: "none",
  dedupe: "while-pending",
});

/** One tenant's digests of one day. */
export const sendDigestsJob = defineJob({
  name: "notifications.send-digests",
  scope: "tenant",
  queue: "maintenance",
  payload: ZSendDigestsJob,
  handler: async () => (await import("./notifications.handlers")).sendDigestsHandler,
  retry: { attempts: 5, backoffMs: 30_000 },
  retain: "none",
  dedupe: "while-pending",
});

export const NOTIFICATION_JOBS = [notificationsTickJob, drainNotificationsJob, sendDigestsJob] as const;
