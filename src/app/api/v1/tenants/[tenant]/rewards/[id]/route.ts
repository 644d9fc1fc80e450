import { ifMatchOf, versionedJson } from "@/server/http/entity-tags";
import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { patchReward } from "@/server/modules/rewards/reward-patch";
import { archiveReward, getReward } from "@/server/modules/rewards/reward.service";
import { ZApiRewardPatch } from "@/server/modules/rewards/rewards-api.schemas";

const id = (params: Record<string, string | string[] | undefined>) => String(params.id ?? "");

/** With the reward's ETag, for a later PATCH's If-Match. */
export const GET = withTenant({ permission: "rewards:read" }, async ({ ctx, params }) => versionedJson(await getReward(ctx, id(params))));

/** Only the fields sent change; with If-Match, only over that version (412 otherwise). Answers the new ETag. */
export const PATCH = withTenant({ permission: "rewards:manage", body: ZApiRewardPatch }, async ({ ctx, params, body, request }) =>
  versionedJson(await patchReward(ctx, id(params), body, { ifMatch: ifMatchOf(request) })),
);

/** Out of the catalogue: deleted when never redeemed, archived otherwise; the answer says which. */
export const DELETE = withTenant({ permission: "rewards:manage" }, async ({ ctx, params }) => Response.json(await archiveReward(ctx, { id: id(params) })));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT } = otherMethods(["GET", "PATCH", "DELETE"]);
