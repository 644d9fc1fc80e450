import { withTenant } from "@/server/http/with-tenant";
import { ZCampaignUpdate } from "@/server/modules/campaigns/campaign.schemas";
import { getCampaignOrThrow, updateCampaign } from "@/server/modules/campaigns/campaign.service";
import { otherMethods } from "@/server/http/route-methods";

const id = (params: Record<string, string | string[] | undefined>) => String(params.id ?? "");

export const GET = withTenant({ permission: "settings:read" }, async ({ ctx, params }) => Response.json(await getCampaignOrThrow(ctx, id(params))));

export const PATCH = withTenant({ permission: "settings:write", body: ZCampaignUpdate }, async ({ ctx, params, body }) =>
  Response.json(await updateCampaign(ctx, id(params), body)),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, DELETE } = otherMethods(["GET", "PATCH"]);
