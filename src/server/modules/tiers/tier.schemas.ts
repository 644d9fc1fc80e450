import { z } from "zod";

/** Postgres INTEGER. */
const MAX_INT = 2_147_483_647;
export const TIER_PERIOD_MONTHS = { min: 1, max: 36 } as const;
/** A brand's ladder stays short enough to read at a glance (and to evaluate per customer). */
export const MAX_TIERS = 20;

export const ZTierName = z.string({ message: "name is required" }).trim().min(1, "name is required").max(40, "at most 40 characters");

export const ZTierThreshold = z
  .number({ message: "enter a whole number of points" })
  .int("enter a whole number of points")
  .min(0, "0 or more")
  .max(MAX_INT, `at most ${MAX_INT.toLocaleString("en")}`);

export const ZTierCreate = z.strictObject({ name: ZTierName, threshold: ZTierThreshold });
export type TierCreateInput = z.input<typeof ZTierCreate>;

export const ZTierUpdate = ZTierCreate.partial().refine((v) => Object.keys(v).length > 0, "nothing to update");
export type TierUpdateInput = z.input<typeof ZTierUpdate>;

export const ZTierId = z.string().regex(/^tier_[0-9a-f]{32}$/, "not a tier id");

export const ZTierPeriodUpdate = z.strictObject({
  months: z.coerce
    .number({ message: "enter a whole number of months" })
    .int("enter a whole number of months")
    .min(TIER_PERIOD_MONTHS.min, `${TIER_PERIOD_MONTHS.min} to ${TIER_PERIOD_MONTHS.max} months`)
    .max(TIER_PERIOD_MONTHS.max, `${TIER_PERIOD_MONTHS.min} to ${TIER_PERIOD_MONTHS.max} months`),
});
export type TierPeriodUpdateInput = z.input<typeof ZTierPeriodUpdate>;

export const ZTierDto = z.object({ id: z.string(), name: z.string(), threshold: z.number().int() });
export type TierDto = z.infer<typeof ZTierDto>;

export const ZTierSettingsDto = z.object({
  periodMonths: z.number().int(),
  /** Lowest threshold first. */
  tiers: z.array(ZTierDto),
});
export type TierSettingsDto = z.infer<typeof ZTierSettingsDto>;

export const ZTierStatusDto = z.object({
  customerId: z.string(),
  /** The highest tier whose threshold the earned points reach; null below the lowest one. */
  tier: ZTierDto.nullable(),
  /** Earning entries in the window, less what was reversed of them. */
  earnedInPeriod: z.number().int(),
  periodMonths: z.number().int(),
  /** The window is (periodStart, asOf]. */
  periodStart: z.iso.datetime(),
  asOf: z.iso.datetime(),
  nextTier: ZTierDto.nullable(),
  /** Points still to earn in the period to reach nextTier; null at the top. */
  pointsToNext: z.number().int().nullable(),
  /** 0..1: how far from the current tier's threshold (0 below the lowest tier) to the next one; 1 at the top. */
  progress: z.number().min(0).max(1),
});
export type TierStatusDto = z.infer<typeof ZTierStatusDto>;
