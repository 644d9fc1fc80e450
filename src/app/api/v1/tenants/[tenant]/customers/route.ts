import { withTenant } from "@/server/http/with-tenant";
import { ZCustomerCreate, ZCustomerListQuery } from "@/server/modules/customers/customer.schemas";
import { createCustomer, listCustomers } from "@/server/modules/customers/customer.service";
import { otherMethods } from "@/server/http/route-methods";

export const GET = withTenant({ permission: "customers:read", query: ZCustomerListQuery }, async ({ ctx, query }) =>
  Response.json(await listCustomers(ctx, query)),
);

export const POST = withTenant({ permission: "customers:write", body: ZCustomerCreate }, async ({ ctx, body }) =>
  Response.json(await createCustomer(ctx, body), { status: 201 }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
