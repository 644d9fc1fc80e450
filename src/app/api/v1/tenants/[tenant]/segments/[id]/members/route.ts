import { withTenant } from "@/server/http/with-tenant";
import { ZSegmentMembersQuery } from "@/server/modules/segments/segment.schemas";
import { listSegmentMembers } from "@/server/modules/segments/segment.service";
import { otherMethods } from "@/server/http/route-methods";

/** One page of the segment's live members (`?page=&pageSize=`), newest customers first. */
export const GET = withTenant({ permission: "customers:read", query: ZSegmentMembersQuery }, async ({ ctx, params, query }) =>
  Response.json(await listSegmentMembers(ctx, String(params.id ?? ""), query)),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
