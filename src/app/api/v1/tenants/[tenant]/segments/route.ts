import { withTenant } from "@/server/http/with-tenant";
import { ZSegmentCreate } from "@/server/modules/segments/segment.schemas";
import { createSegment, listSegments } from "@/server/modules/segments/segment.service";
import { otherMethods } from "@/server/http/route-methods";

/** Every segment with its current member count. */
export const GET = withTenant({ permission: "customers:read" }, async ({ ctx }) => Response.json(await listSegments(ctx)));

export const POST = withTenant({ permission: "customers:write", body: ZSegmentCreate }, async ({ ctx, body }) =>
  Response.json(await createSegment(ctx, body), { status: 201 }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
