import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { findCustomer, ZCustomerLookupQuery } from "@/server/modules/customers/customer-upsert";

/** `?externalId=` or `?email=`: the live customer with it, or 404. */
export const GET = withTenant({ permission: "customers:read", query: ZCustomerLookupQuery }, async ({ ctx, query }) =>
  Response.json(await findCustomer(ctx, query)),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
