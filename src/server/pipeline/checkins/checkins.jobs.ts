import type { JobsOptions } from "bullmq";
import { z } from "zod";
import type { JobDefinition } from "../../jobs/job-scope";

/**
 * Job definitions of check-in listening (polling linked Foursquare profiles, ingesting pushed
 * check-ins), in the shape of JOB_DEFINITIONS so they are spread into it. Definitions only: the
 * handlers live in src/workers/handlers/checkins.handlers.ts.
 */

const ZId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not an id");

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

const RETAIN: Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> = {
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

export const CHECKIN_SCHEDULER = {
  id: "checkins-scheduler",
  template: { name: "checkins.schedule", data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
} as const;

export const CHECKIN_JOBS = {
  /** Scheduler tick: one `checkins.poll-profile` per due linked profile. */
  "checkins.schedule": {
    scope: "platform",
    queue: "listening",
    schema: ZScheduleCheckins,
    options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
  /** One run over one profile's new check-ins (pages stored one transaction each). */
  "checkins.poll-profile": {
    scope: "tenant",
    queue: "listening",
    schema: ZPollCheckinsJob,
    options: { attempts: 4, backoff: { type: "exponential", delay: 2_000 }, ...RETAIN },
  },
  /** One pushed check-in, verified and filtered by the receiver, stored and paid here. */
  "checkins.ingest-push": {
    scope: "tenant",
    queue: "listening",
    schema: ZIngestPushedCheckinJob,
    options: { attempts: 5, backoff: { type: "exponential", delay: 1_000 }, ...RETAIN },
  },
} as const satisfies Record<string, JobDefinition>;

export type CheckinJobName = keyof typeof CHECKIN_JOBS;
export type CheckinJobPayload<N extends CheckinJobName> = z.infer<(typeof CHECKIN_JOBS)[N]["schema"]>;
