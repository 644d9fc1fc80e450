import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { upsertCustomerByExternalId, ZCustomerUpsert } from "@/server/modules/customers/customer-upsert";

/** Create or replace the customer another system knows by this id: 201 created, 200 updated or unchanged (`Megaphone-Upsert` says which). */
export const PUT = withTenant({ permission: "customers:write", body: ZCustomerUpsert }, async ({ ctx, params, body }) => {
  const { customer, outcome } = await upsertCustomerByExternalId(ctx, String(params.externalId ?? ""), body);
  return Response.json(customer, { status: outcome === "created" ? 201 : 200, headers: { "Megaphone-Upsert": outcome } });
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { GET, HEAD, OPTIONS, POST, PATCH, DELETE } = otherMethods(["PUT"]);
