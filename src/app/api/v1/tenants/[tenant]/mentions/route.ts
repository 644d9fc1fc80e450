import { withTenant } from "@/server/http/with-tenant";
import { listMentions } from "@/server/modules/mentions/moderation/list-mentions";
import { ZMentionListQuery } from "@/server/modules/mentions/moderation/mention.schemas";
import { otherMethods } from "@/server/http/route-methods";

/** The mention inbox: newest post first, `?status=&customerId=&page=&pageSize=`, with points per mention. */
export const GET = withTenant({ permission: "mentions:read", query: ZMentionListQuery }, async ({ ctx, query }) =>
  Response.json(await listMentions(ctx, query)),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
