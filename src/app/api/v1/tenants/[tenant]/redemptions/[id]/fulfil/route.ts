import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { fulfilRedemption } from "@/server/modules/rewards/redemption.service";

/** Mark a redemption handed over; doing it again changes nothing (`unchanged: true`). */
export const POST = withTenant({ permission: "rewards:manage" }, async ({ ctx, params }) =>
  Response.json(await fulfilRedemption(ctx, { id: String(params.id ?? "") })),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
