import type { Job } from "bullmq";
import { getLogger } from "@/server/logger";
import type { CheckinJobName, CheckinJobPayload } from "@/server/pipeline/checkins/checkins.jobs";
import { ingestPushedCheckin } from "@/server/pipeline/checkins/ingest-pushed-checkin";
import { pollProfileCheckins } from "@/server/pipeline/checkins/poll-checkins";
import { scheduleDueCheckinPolls } from "@/server/pipeline/checkins/schedule-checkin-polls";

type CheckinJobHandler<N extends CheckinJobName> = (payload: CheckinJobPayload<N>, job: Job) => Promise<void>;

/**
 * Thin handlers of check-in listening. A retryable poll failure is rethrown so BullMQ's backoff
 * applies; a throttled or refused profile is not an error (its state says when to come back, and
 * the scheduler honours it).
 */
export const CHECKIN_HANDLERS: { [N in CheckinJobName]: CheckinJobHandler<N> } = {
  "checkins.schedule": async () => {
    await scheduleDueCheckinPolls();
  },
  "checkins.poll-profile": async ({ tenantId, profileId }) => {
    const outcome = await pollProfileCheckins(tenantId, profileId);
    if (outcome.status === "failed" && outcome.retryable) throw new Error(outcome.reason);
    getLogger().debug({ tenantId, profileId, ...outcome }, "check-ins polled");
  },
  "checkins.ingest-push": async ({ tenantId, checkin }) => {
    const outcome = await ingestPushedCheckin(tenantId, checkin);
    getLogger().debug({ tenantId, checkinId: checkin.id, ...outcome }, "pushed check-in handled");
  },
};
