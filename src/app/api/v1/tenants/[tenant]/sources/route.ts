import { withTenant } from "@/server/http/with-tenant";
import { ZSourceCreate, ZSourceListQuery } from "@/server/modules/listening/source.schemas";
import { createSource, listSources } from "@/server/modules/listening/source.service";
import { otherMethods } from "@/server/http/route-methods";

/** The tenant's listening sources with their sync state (oldest first). */
export const GET = withTenant({ permission: "settings:read", query: ZSourceListQuery }, async ({ ctx, query }) =>
  Response.json({ items: await listSources(ctx, query) }),
);

export const POST = withTenant({ permission: "settings:write", body: ZSourceCreate }, async ({ ctx, body }) =>
  Response.json(await createSource(ctx, body), { status: 201 }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
