import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { createReward, listRewards } from "@/server/modules/rewards/reward.service";
import { ZApiRewardCreate, ZApiRewardListQuery } from "@/server/modules/rewards/rewards-api.schemas";

/** The brand's reward catalogue (active ones unless asked otherwise). */
export const GET = withTenant({ permission: "rewards:read", query: ZApiRewardListQuery }, async ({ ctx, query }) =>
  Response.json({ items: await listRewards(ctx, query) }),
);

/** Add a reward to the catalogue (JSON; a picture is uploaded on the reward's screen only). */
export const POST = withTenant({ permission: "rewards:manage", body: ZApiRewardCreate }, async ({ ctx, body }) =>
  Response.json(await createReward(ctx, body), { status: 201 }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
