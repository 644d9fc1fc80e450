import { idempotencyKeyOf } from "@/server/http/idempotency-key";
import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { redeemReward } from "@/server/modules/rewards/redeem-reward";
import { listRedemptions } from "@/server/modules/rewards/redemption.service";
import { ZApiRedeem, ZApiRedemptionListQuery } from "@/server/modules/rewards/rewards-api.schemas";

/** Redemptions, newest first, optionally of one status. */
export const GET = withTenant({ permission: "rewards:read", query: ZApiRedemptionListQuery }, async ({ ctx, query }) =>
  Response.json({ items: await listRedemptions(ctx, query) }),
);

/** Spend a customer's points on a reward (stock and balance checked in one transaction): 201, or 200 when the key already redeemed. */
export const POST = withTenant({ permission: "ledger:adjust", body: ZApiRedeem }, async ({ ctx, body, request }) => {
  const result = await redeemReward(ctx, {
    customerId: body.customerId,
    rewardId: body.rewardId,
    idempotencyKey: idempotencyKeyOf(request, body.idempotencyKey),
  });
  return Response.json(result, { status: result.replayed ? 200 : 201 });
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
