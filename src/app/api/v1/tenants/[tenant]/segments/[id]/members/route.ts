import { withTenant } from "@/server/http/with-tenant";
import { ZSegmentMembersQuery } from "@/server/modules/segments/segment.schemas";
import { listSegmentMembers } from "@/server/modules/segments/segment.service";

/** One page of the segment's live members (`?page=&pageSize=`), newest customers first. */
export const GET = withTenant({ permission: "customers:read", query: ZSegmentMembersQuery }, async ({ ctx, params, query }) =>
  Response.json(await listSegmentMembers(ctx, String(params.id ?? ""), query)),
);
