import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { patchReward } from "@/server/modules/rewards/reward-patch";
import { archiveReward, getReward } from "@/server/modules/rewards/reward.service";
import { ZApiRewardPatch } from "@/server/modules/rewards/rewards-api.schemas";

const id = (params: Record<string, string | string[] | undefined>) => String(params.id ?? "");

export const GET = withTenant({ permission: "rewards:read" }, async ({ ctx, params }) => Response.json(await getReward(ctx, id(params))));

/** Only the fields sent change. */
export const PATCH = withTenant({ permission: "rewards:manage", body: ZApiRewardPatch }, async ({ ctx, params, body }) =>
  Response.json(await patchReward(ctx, id(params), body)),
);

/** Out of the catalogue: deleted when never redeemed, archived otherwise; the answer says which. */
export const DELETE = withTenant({ permission: "rewards:manage" }, async ({ ctx, params }) => Response.json(await archiveReward(ctx, { id: id(params) })));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT } = otherMethods(["GET", "PATCH", "DELETE"]);
