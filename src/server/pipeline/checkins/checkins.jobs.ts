import { z } from "zod";
import { getEnv } from "../../env";
import { defineJob, TICK } from "../../jobs/define-job";

/**
 * The jobs of check-in listening (polling linked Foursquare profiles, ingesting pushed
 * check-ins). The push receiver imports this file to enqueue: handlers load lazily.
 */

const ZId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "not an id");

/** The scheduler's tick: one poll per due linked profile, all tenants. */
export const ZScheduleCheckins = z.strictObject({});

export const ZPollCheckinsJob = z.strictObject({
  tenantId: z.string().min(1),
  profileId: z.string().min(1),
});
export type PollCheckinsJob = z.infer<typeof ZPollCheckinsJob>;

/**
 * What the push receiver keeps of a pushed check-in: only the fields ingest needs (no coordinates,
 * photos or friends' names travel through Redis).
 */
export const ZPushedCheckin = z.strictObject({
  id: ZId,
  /** Epoch seconds. */
  createdAt: z.number().int().nonnegative(),
  shout: z.string().max(1_000).optional(),
  venue: z.strictObject({ id: ZId, name: z.string().min(1).max(300) }),
  user: z.strictObject({
    id: ZId,
    firstName: z.string().max(200).optional(),
    lastName: z.string().max(200).optional(),
    friends: z.number().int().min(0).optional(),
  }),
});
export type PushedCheckin = z.infer<typeof ZPushedCheckin>;

export const ZIngestPushedCheckinJob = z.strictObject({
  tenantId: z.string().min(1),
  checkin: ZPushedCheckin,
});
export type IngestPushedCheckinJob = z.infer<typeof ZIngestPushedCheckinJob>;

/** The tick: one poll per due linked profile, all tenants. */
export const checkinsScheduleJob = defineJob({
  ...TICK,
  name: "checkins.schedule",
  payload: ZScheduleCheckins,
  handler: async () => (await import("./checkins.handlers")).scheduleCheckinsHandler,
  schedule: { id: "checkins-scheduler", everyMs: () => getEnv().LISTENING_SCHEDULER_EVERY_MS },
});

/**
 * One run over one profile's new check-ins (pages stored one transaction each). The scheduler's
 * job id (one per profile) dedupes while the poll is pending, so a failed poll, kept visible,
 * does not block the next tick's.
 */
export const pollCheckinsJob = defineJob({
  name: "checkins.poll-profile",
  scope: "tenant",
  queue: "listening",
  payload: ZPollCheckinsJob,
  handler: async () => (await import("./checkins.handlers")).pollCheckinsHandler,
  retry: { attempts: 4, backoffMs: 2_000 },
  retain: "history",
  dedupe: "while-pending",
});

/** One pushed check-in, verified and filtered by the receiver, stored and paid here (job id: the check-in's). */
export const ingestPushedCheckinJob = defineJob({
  name: "checkins.ingest-push",
  scope: "tenant",
  queue: "listening",
  payload: ZIngestPushedCheckinJob,
  handler: async () => (await import("./checkins.handlers")).ingestPushedCheckinHandler,
  retry: { attempts: 5, backoffMs: 1_000 },
  retain: "history",
});

export const CHECKIN_JOBS = [checkinsScheduleJob, pollCheckinsJob, ingestPushedCheckinJob] as const;
