import { otherMethods } from "@/server/http/route-methods";
import { withCustomer } from "@/server/http/with-customer";
import { redeemAsCustomer } from "@/server/modules/rewards/redeem-reward";
import { ZRedeemAsCustomer } from "@/server/modules/rewards/reward.schemas";

/**
 * A signed-in customer redeems a reward (the portal's JSON route; bench:redeem drives it). 201 for
 * a new redemption, 200 for a replay of the same idempotency key; refusals are problem+json.
 */
export const POST = withCustomer({ body: ZRedeemAsCustomer }, async ({ cctx, body }) => {
  const result = await redeemAsCustomer(cctx, body);
  return Response.json(
    { redemption: result.redemption, balance: result.balance, replayed: result.replayed },
    { status: result.replayed ? 200 : 201, headers: { "Cache-Control": "no-store" } },
  );
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
