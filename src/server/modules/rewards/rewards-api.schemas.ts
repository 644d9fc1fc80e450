import { z } from "zod";
import { ZIdempotencyKey } from "../ledger/ledger.schemas";
import { REDEMPTION_STATUSES, REWARD_FIELDS, REWARD_FULFILMENTS, ZRedemptionDto } from "./reward.schemas";

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

/** An instant in JSON: ISO 8601 with a zone (`Z` or an offset); null clears it. */
const ZApiInstant = z.iso.datetime({ offset: true, error: "an ISO 8601 date-time with a zone" }).nullable();

/**
 * A reward's fields over the API: the staff form's, less the picture (no upload over the API;
 * `pictureUrl` is read-only there) and with dates as ISO strings.
 */
const { picture: _picture, removePicture: _removePicture, ...formFields } = REWARD_FIELDS;
const apiRewardFields = { ...formFields, availableFrom: ZApiInstant.optional(), availableUntil: ZApiInstant.optional() };

export const ZApiRewardCreate = z.strictObject(apiRewardFields);

/** Only the fields sent change; the rest are the reward's current values (null clears a nullable one). */
export const ZApiRewardPatch = z
  .strictObject({
    ...apiRewardFields,
    fulfilment: z.enum(REWARD_FULFILMENTS, { error: "choose how the reward is delivered" }).optional(),
    active: z.boolean().optional(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");
export type ApiRewardPatchInput = z.input<typeof ZApiRewardPatch>;

/** DELETE: a reward never redeemed is deleted; one that was is archived (its redemptions and ledger entries name it). */
export const ZRewardRemovalDto = z.object({ archived: z.boolean(), deleted: z.boolean() });
