import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { cancelRedemption } from "@/server/modules/rewards/redemption.service";
import { ZApiCancelRedemption } from "@/server/modules/rewards/rewards-api.schemas";

/** `{ reason }`: cancel a redemption, refunding its points by a new ledger entry (once). */
export const POST = withTenant({ permission: "rewards:manage", body: ZApiCancelRedemption }, async ({ ctx, params, body }) =>
  Response.json(await cancelRedemption(ctx, { id: String(params.id ?? ""), reason: body.reason })),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
