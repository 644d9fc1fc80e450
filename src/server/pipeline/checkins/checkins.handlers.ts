import { systemContext } from "../../auth/tenant-context";
import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import type { IngestPushedCheckinJob, PollCheckinsJob } from "./checkins.jobs";
import { ingestPushedCheckin } from "./ingest-pushed-checkin";
import { pollProfileCheckins } from "./poll-checkins";
import { scheduleDueCheckinPolls } from "./schedule-checkin-polls";

/**
 * Thin handlers of check-in listening. A retryable poll failure is rethrown so BullMQ's backoff
 * applies; a throttled or refused profile is not an error (its state says when to come back, and
 * the scheduler honours it).
 */
export const scheduleCheckinsHandler: JobHandler<unknown> = async () => {
  await scheduleDueCheckinPolls();
};

export const pollCheckinsHandler: JobHandler<PollCheckinsJob> = async ({ tenantId, profileId }) => {
  const outcome = await pollProfileCheckins(systemContext(tenantId), profileId);
  if (outcome.status === "failed" && outcome.retryable) throw new Error(outcome.reason);
  getLogger().debug({ tenantId, profileId, ...outcome }, "check-ins polled");
};

export const ingestPushedCheckinHandler: JobHandler<IngestPushedCheckinJob> = async ({ tenantId, checkin }) => {
  const outcome = await ingestPushedCheckin(systemContext(tenantId), checkin);
  getLogger().debug({ tenantId, checkinId: checkin.id, ...outcome }, "pushed check-in handled");
};
