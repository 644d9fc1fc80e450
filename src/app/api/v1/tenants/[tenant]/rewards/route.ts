import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { listRewards } from "@/server/modules/rewards/reward.service";
import { ZApiRewardListQuery } from "@/server/modules/rewards/rewards-api.schemas";

/** The brand's reward catalogue (active ones unless asked otherwise). */
export const GET = withTenant({ permission: "rewards:read", query: ZApiRewardListQuery }, async ({ ctx, query }) =>
  Response.json({ items: await listRewards(ctx, query) }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
