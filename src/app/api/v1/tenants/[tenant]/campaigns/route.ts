import { withTenant } from "@/server/http/with-tenant";
import { ZCampaignCreate, ZCampaignListQuery } from "@/server/modules/campaigns/campaign.schemas";
import { createCampaign, listCampaigns } from "@/server/modules/campaigns/campaign.service";
import { otherMethods } from "@/server/http/route-methods";

export const GET = withTenant({ permission: "settings:read", query: ZCampaignListQuery }, async ({ ctx, query }) =>
  Response.json(await listCampaigns(ctx, query)),
);

export const POST = withTenant({ permission: "settings:write", body: ZCampaignCreate }, async ({ ctx, body }) =>
  Response.json(await createCampaign(ctx, body), { status: 201 }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
