import { withTenant } from "@/server/http/with-tenant";
import { ZSegmentUpdate } from "@/server/modules/segments/segment.schemas";
import { deleteSegment, getSegmentOrThrow, updateSegment } from "@/server/modules/segments/segment.service";
import { otherMethods } from "@/server/http/route-methods";

const id = (params: Record<string, string | string[] | undefined>) => String(params.id ?? "");

export const GET = withTenant({ permission: "customers:read" }, async ({ ctx, params }) => Response.json(await getSegmentOrThrow(ctx, id(params))));

/** `{ "name": … }` and/or `{ "filter": … }`; a filter replaces the stored one as a whole. */
export const PATCH = withTenant({ permission: "customers:write", body: ZSegmentUpdate }, async ({ ctx, params, body }) =>
  Response.json(await updateSegment(ctx, id(params), body)),
);

export const DELETE = withTenant({ permission: "customers:write" }, async ({ ctx, params }) => Response.json(await deleteSegment(ctx, id(params))));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT } = otherMethods(["GET", "PATCH", "DELETE"]);
