import { getEnv } from "../../env";
import { enqueueMany } from "../../jobs/queues";
import { checkinNetworks } from "../../social/provider-registry";
import { unsafeListDueCheckinProfiles } from "./checkin-sync";

/** The dedupe id of a profile's poll: one waiting or running poll per profile. */
export function checkinPollJobId(profileId: string): string {
  return `checkins:${profileId}`;
}

/**
 * The check-in scheduler's fan-out (cross-tenant), like the listening one: one
 * `checkins.poll-profile` job per due linked profile on a network with a check-in provider. The
 * dedupe id is the profile's, so a poll still waiting or running is not enqueued twice; it is
 * freed when the poll ends, failed ones included (those stay on the queue screens).
 */
export async function scheduleDueCheckinPolls(now = new Date()): Promise<number> {
  const due = await unsafeListDueCheckinProfiles({ networks: checkinNetworks(), now, staleRunMs: getEnv().LISTENING_STALE_RUN_MS });
  await enqueueMany(
    "checkins.poll-profile",
    due.map((profile) => ({
      payload: { tenantId: profile.tenantId, profileId: profile.id },
      options: { jobId: checkinPollJobId(profile.id) },
    })),
  );
  return due.length;
}
