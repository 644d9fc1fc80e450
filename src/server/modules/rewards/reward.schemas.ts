import { z } from "zod";
import { ZIdempotencyKey } from "../ledger/ledger.schemas";

export const ZRewardCreate = z.strictObject({
  name: z.string().trim().min(1, "name is required").max(200),
  description: z
    .string()
    .trim()
    .max(2_000)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  cost: z.number().int("must be a whole number of points").min(1, "costs at least 1 point").max(1_000_000, "at most 1,000,000 points"),
  /** null or absent: unlimited. */
  stock: z.number().int().min(0).max(10_000_000).nullable().optional(),
  active: z.boolean().default(true),
});
export type RewardCreateInput = z.input<typeof ZRewardCreate>;

export const ZRewardListQuery = z.strictObject({
  includeInactive: z.boolean().default(false),
});
export type RewardListQuery = z.input<typeof ZRewardListQuery>;

export const ZRewardDto = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  cost: z.number().int(),
  stock: z.number().int().nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type RewardDto = z.infer<typeof ZRewardDto>;

export const ZRedeemReward = z.strictObject({
  customerId: z.string().min(1),
  rewardId: z.string().min(1),
  idempotencyKey: ZIdempotencyKey,
});
export type RedeemRewardInput = z.input<typeof ZRedeemReward>;

export const ZRedemptionDto = z.object({
  id: z.string(),
  customerId: z.string(),
  rewardId: z.string(),
  cost: z.number().int(),
  status: z.enum(["PENDING", "FULFILLED", "CANCELLED"]),
  createdAt: z.iso.datetime(),
});
export type RedemptionDto = z.infer<typeof ZRedemptionDto>;
