import { z } from "zod";
import { ZIdempotencyKey } from "../ledger/ledger.schemas";

export const REWARD_FULFILMENTS = ["CODE_POOL", "GENERATED_CODE", "MANUAL"] as const;
export const REDEMPTION_STATUSES = ["PENDING", "FULFILLED", "CANCELLED"] as const;
export type RewardFulfilment = (typeof REWARD_FULFILMENTS)[number];
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

const optionalDate = z.coerce.date({ error: "not a date" }).nullable().optional();

/** The fields staff set on a reward; the same shape creates and (with an id) edits one. */
export const REWARD_FIELDS = {
  name: z.string().trim().min(1, "name is required").max(200, "at most 200 characters"),
  description: optionalText(2_000),
  /** A new picture, uploaded with the form (its type is decided from its bytes by storeImage); absent: unchanged. */
  picture: z.instanceof(Blob, { message: "choose an image file" }).optional(),
  /** Take the picture away (ignored when a new one is uploaded). */
  removePicture: z.boolean().optional(),
  cost: z.number().int("must be a whole number of points").min(1, "costs at least 1 point").max(1_000_000, "at most 1,000,000 points"),
  /** null or absent: unlimited. Ignored for a code-pool reward, whose stock is its unclaimed codes. */
  stock: z.number().int("must be a whole number").min(0, "cannot be negative").max(10_000_000, "at most 10,000,000").nullable().optional(),
  perCustomerLimit: z.number().int("must be a whole number").min(1, "at least 1, or leave empty for no limit").max(10_000).nullable().optional(),
  availableFrom: optionalDate,
  /** Exclusive: from this instant on the reward can no longer be redeemed. */
  availableUntil: optionalDate,
  minimumTierId: optionalText(100),
  fulfilment: z.enum(REWARD_FULFILMENTS, { error: "choose how the reward is delivered" }).default("MANUAL"),
  active: z.boolean().default(true),
};

function windowOrdered(v: { availableFrom?: Date | null; availableUntil?: Date | null }) {
  return !v.availableFrom || !v.availableUntil || v.availableUntil > v.availableFrom;
}
const WINDOW_ISSUE = { message: "must be after the start", path: ["availableUntil"] };

export const ZRewardCreate = z.strictObject(REWARD_FIELDS).refine(windowOrdered, WINDOW_ISSUE);
export type RewardCreateInput = z.input<typeof ZRewardCreate>;

export const ZRewardUpdate = z.strictObject({ id: z.string().min(1), ...REWARD_FIELDS }).refine(windowOrdered, WINDOW_ISSUE);
export type RewardUpdateInput = z.input<typeof ZRewardUpdate>;

export const ZRewardListQuery = z.strictObject({
  includeInactive: z.boolean().default(false),
  includeArchived: z.boolean().default(false),
});
export type RewardListQuery = z.input<typeof ZRewardListQuery>;

export const ZRewardDto = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  imageKey: z.string().nullable(),
  /** Where the picture is served (/media/<key>); shown with the reward's name as its alt text. */
  pictureUrl: z.string().nullable(),
  cost: z.number().int(),
  stock: z.number().int().nullable(),
  perCustomerLimit: z.number().int().nullable(),
  availableFrom: z.iso.datetime().nullable(),
  availableUntil: z.iso.datetime().nullable(),
  minimumTierId: z.string().nullable(),
  fulfilment: z.enum(REWARD_FULFILMENTS),
  active: z.boolean(),
  archivedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** The last change (an edit, or stock taken or given back); the API's ETag is derived from it. */
  updatedAt: z.iso.datetime(),
});
export type RewardDto = z.infer<typeof ZRewardDto>;

/** A catalogue row for staff: the reward and what happened to it. */
export type RewardListItem = RewardDto & { redeemedCount: number; pendingCount: number; unclaimedCodes: number | null };

export const ZRedeemReward = z.strictObject({
  customerId: z.string().min(1),
  rewardId: z.string().min(1),
  idempotencyKey: ZIdempotencyKey,
});
export type RedeemRewardInput = z.input<typeof ZRedeemReward>;

export const ZRedeemAsCustomer = z.strictObject({
  rewardId: z.string().min(1),
  idempotencyKey: ZIdempotencyKey,
});
export type RedeemAsCustomerInput = z.input<typeof ZRedeemAsCustomer>;

export const ZRedemptionDto = z.object({
  id: z.string(),
  customerId: z.string(),
  rewardId: z.string(),
  cost: z.number().int(),
  status: z.enum(REDEMPTION_STATUSES),
  /** The code to show the customer at once (pool or generated rewards); null for manual ones. */
  code: z.string().nullable(),
  fulfilledAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type RedemptionDto = z.infer<typeof ZRedemptionDto>;

/** A redemption as staff list it: with who redeemed what. */
export type RedemptionListItem = RedemptionDto & { rewardName: string; customerName: string };

export const ZRedemptionListQuery = z.strictObject({
  status: z.enum(REDEMPTION_STATUSES).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export type RedemptionListQuery = z.input<typeof ZRedemptionListQuery>;

export const ZById = z.strictObject({ id: z.string().min(1) });

export const ZCancelRedemption = z.strictObject({
  id: z.string().min(1),
  reason: z.string().trim().min(3, "say why in at least 3 characters").max(500, "at most 500 characters"),
});
export type CancelRedemptionInput = z.input<typeof ZCancelRedemption>;

export const ZUploadCodes = z.strictObject({
  rewardId: z.string().min(1),
  /** The CSV file's text or pasted lines: one code per line, or a CSV whose first column is the code. */
  // Next refuses a server-action body over 1 MB before this runs; below that, this says what to do.
  text: z.string().max(900_000, "at most about 900 KB of codes per upload: split the file"),
});
export type UploadCodesInput = z.input<typeof ZUploadCodes>;
