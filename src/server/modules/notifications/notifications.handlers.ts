import { systemContext } from "../../auth/tenant-context";
import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import { drainNotificationOutbox } from "./drain-outbox";
import type { DrainNotificationsJob, SendDigestsJob } from "./notification.schemas";
import { scheduleNotifications } from "./schedule-notifications";
import { sendDailyDigests } from "./send-digests";

export const notificationsTickHandler: JobHandler<unknown> = async () => {
  await scheduleNotifications();
};

export const drainNotificationsHandler: JobHandler<DrainNotificationsJob> = async ({ tenantId }) => {
  const done = await drainNotificationOutbox(systemContext(tenantId));
  getLogger().debug({ tenantId, ...done }, "notification outbox drained");
};

export const sendDigestsHandler: JobHandler<SendDigestsJob> = async ({ tenantId, day }) => {
  const done = await sendDailyDigests(systemContext(tenantId), day);
  getLogger().debug({ tenantId, day, ...done }, "daily digests queued");
};
