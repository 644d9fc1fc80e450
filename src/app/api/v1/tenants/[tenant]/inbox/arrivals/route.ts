import { withTenant } from "@/server/http/with-tenant";
import { otherMethods } from "@/server/http/route-methods";
import { countInboxArrivals } from "@/server/modules/mentions/inbox/inbox-arrivals";
import { ZInboxArrivalsQuery } from "@/server/modules/mentions/inbox/inbox.schemas";

/** What an open inbox polls: mentions matching its filters collected since `since` (capped at 99). */
export const GET = withTenant({ permission: "mentions:read", query: ZInboxArrivalsQuery }, async ({ ctx, query }) =>
  Response.json(await countInboxArrivals(ctx, query), { headers: { "Cache-Control": "no-store" } }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
