import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { listLocations } from "@/server/modules/listening/location.service";

/** The brand's stores (venues), as check-ins and feedback name them. */
export const GET = withTenant({ permission: "settings:read" }, async ({ ctx }) => Response.json({ items: await listLocations(ctx) }));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
