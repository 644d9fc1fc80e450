import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { listCustomerProfiles } from "@/server/modules/customers/customer-accounts";

/** The customer's linked social profiles, newest link first (no token ever leaves). */
export const GET = withTenant({ permission: "customers:read" }, async ({ ctx, params }) =>
  Response.json({ items: await listCustomerProfiles(ctx, String(params.id ?? "")) }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
