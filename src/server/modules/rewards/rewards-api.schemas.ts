import { z } from "zod";
import { ZIdempotencyKey } from "../ledger/ledger.schemas";
import { REDEMPTION_STATUSES, ZRedemptionDto } from "./reward.schemas";

/** Query strings carry text: "true"/"false" flags and a numeric limit, turned into the service's types. */
const ZFlag = z.enum(["true", "false"]).transform((v) => v === "true");

export const ZApiRewardListQuery = z.strictObject({
  includeInactive: ZFlag.optional(),
  includeArchived: ZFlag.optional(),
});

export const ZApiRedemptionListQuery = z.strictObject({
  status: z.enum(REDEMPTION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Redeeming for a customer over the API: the key is the body's or the `Idempotency-Key` header's. */
export const ZApiRedeem = z.strictObject({
  customerId: z.string().min(1),
  rewardId: z.string().min(1),
  idempotencyKey: ZIdempotencyKey.optional(),
});

export const ZApiCancelRedemption = z.strictObject({
  reason: z.string().trim().min(3, "say why in at least 3 characters").max(500, "at most 500 characters"),
});

export const ZRedemptionResultDto = z.object({ redemption: ZRedemptionDto, ledgerEntryId: z.string(), balance: z.number().int(), replayed: z.boolean() });
export const ZRedemptionChangeDto = z.object({ redemption: ZRedemptionDto, unchanged: z.boolean(), refundEntryId: z.string().optional() });
export const ZRedemptionListItemDto = ZRedemptionDto.extend({ rewardName: z.string(), customerName: z.string() });
