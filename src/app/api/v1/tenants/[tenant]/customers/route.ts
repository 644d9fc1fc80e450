import { withTenant } from "@/server/http/with-tenant";
import { ZCustomerPageQuery } from "@/server/modules/customers/customer-cursor";
import { ZCustomerCreate } from "@/server/modules/customers/customer.schemas";
import { createCustomer, listCustomers } from "@/server/modules/customers/customer.service";
import { otherMethods } from "@/server/http/route-methods";

/** A page of customers by `page`, or after a `cursor` (the `next_cursor` of the page before). */
export const GET = withTenant({ permission: "customers:read", query: ZCustomerPageQuery }, async ({ ctx, query }) =>
  Response.json(await listCustomers(ctx, query)),
);

export const POST = withTenant({ permission: "customers:write", body: ZCustomerCreate }, async ({ ctx, body }) =>
  Response.json(await createCustomer(ctx, body), { status: 201 }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
