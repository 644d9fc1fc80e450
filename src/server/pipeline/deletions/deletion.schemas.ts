import { z } from "zod";
import { DELETION_PERIOD_DAYS } from "./deletion-tiers";

export const ZScheduleDeletionChecksJob = z.strictObject({});

export const ZCheckDeletionsJob = z.strictObject({
  tenantId: z.string().min(1),
  network: z.enum(["TWITTER", "FOURSQUARE"]),
  /** The pass this job continues; null starts a pass (unless one is running). */
  passId: z.uuid().nullable().default(null),
});
export type CheckDeletionsJob = z.infer<typeof ZCheckDeletionsJob>;

/** The brand's period: how many days after capture its posts are still checked for deletion. */
export const ZDeletionPeriodUpdate = z.strictObject({
  periodDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(DELETION_PERIOD_DAYS.min, `At least ${DELETION_PERIOD_DAYS.min} day.`)
    .max(DELETION_PERIOD_DAYS.max, `At most ${DELETION_PERIOD_DAYS.max} days.`),
});
export type DeletionPeriodUpdate = z.infer<typeof ZDeletionPeriodUpdate>;

export const ZRunDeletionPass = z.strictObject({ network: z.enum(["TWITTER", "FOURSQUARE"]) });

const ZPassOutcome = z.enum(["done", "budget_spent", "throttled", "needs_reconnect", "no_connection", "failed"]);

/** What the settings screen shows for one network. */
export const ZDeletionChecksDto = z.object({
  network: z.enum(["TWITTER", "FOURSQUARE"]),
  periodDays: z.number().int(),
  /** Mentions due now (capped at `dueCap`). */
  due: z.number().int(),
  dueCap: z.number().int(),
  queued: z.boolean(),
  running: z
    .object({ startedAt: z.date(), trigger: z.string(), lookups: z.number().int(), checked: z.number().int(), budget: z.number().int().nullable() })
    .nullable(),
  lastPass: z
    .object({
      trigger: z.string(),
      startedAt: z.date(),
      finishedAt: z.date(),
      outcome: ZPassOutcome,
      lookups: z.number().int(),
      checked: z.number().int(),
      deleted: z.number().int(),
      reversed: z.number().int(),
      pointsTakenBack: z.number().int(),
      carriedOver: z.number().int(),
      error: z.string().nullable(),
    })
    .nullable(),
  allowance: z.object({ limit: z.number().int().nullable(), remaining: z.number().int(), resetAt: z.date() }).nullable(),
});
export type DeletionChecksDto = z.infer<typeof ZDeletionChecksDto>;

export const ZRunPassResult = z.object({ status: z.enum(["queued", "already_queued", "already_running"]) });
export type RunPassResult = z.infer<typeof ZRunPassResult>;
