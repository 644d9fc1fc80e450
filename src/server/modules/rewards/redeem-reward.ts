import { assertCan, type CustomerContext, type TenantContext } from "../../auth/tenant-context";
import { AppError } from "../../errors";
import { redeemCore, type RedemptionResult } from "./redeem-core";
import { ZRedeemAsCustomer, ZRedeemReward, type RedeemAsCustomerInput, type RedeemRewardInput } from "./reward.schemas";

export type { RedemptionResult } from "./redeem-core";

/** Staff spend a customer's points on a reward on their behalf ("ledger:adjust"). */
export async function redeemReward(ctx: TenantContext, raw: RedeemRewardInput): Promise<RedemptionResult> {
  assertCan(ctx, "ledger:adjust");
  const input = ZRedeemReward.parse(raw);
  return redeemCore(ctx, { ...input, actorUserId: ctx.actor.type === "USER" ? ctx.actor.id : null, who: "the customer" });
}

/**
 * A portal customer redeems for themselves: the customer is the context's, never an input. One
 * idempotency key per attempt (the portal makes it when the confirm dialog opens), so a double
 * click or a second device replays the first result instead of paying twice.
 */
export async function redeemAsCustomer(cctx: CustomerContext, raw: RedeemAsCustomerInput): Promise<RedemptionResult> {
  // Staff previewing the portal as this customer (the portal work adds `previewBy` and
  // assertCustomerActs; use that once both are merged) may look, never spend.
  if ((cctx as { previewBy?: unknown }).previewBy) throw new AppError("FORBIDDEN", "this is a read-only preview of the customer's portal");
  const input = ZRedeemAsCustomer.parse(raw);
  // Namespaced by customer, so one customer's key can never collide with (or reveal) another's.
  const idempotencyKey = `portal:${cctx.customerId}:${input.idempotencyKey}`;
  return redeemCore(cctx, { customerId: cctx.customerId, rewardId: input.rewardId, idempotencyKey, actorUserId: null, who: "you" });
}
