import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { exportCustomer } from "@/server/modules/customers/customer-privacy";

/** Everything the brand holds about one customer, as the portal's "download my data" gives it (audited). */
export const GET = withTenant({ permission: "customers:read" }, async ({ ctx, params }) =>
  Response.json(await exportCustomer(ctx, String(params.id ?? "")), { headers: { "Cache-Control": "no-store" } }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
