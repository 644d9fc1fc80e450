import { ifMatchOf, versionedJson } from "@/server/http/entity-tags";
import { withTenant } from "@/server/http/with-tenant";
import { ZCustomerUpdate } from "@/server/modules/customers/customer.schemas";
import { getExpandedCustomer } from "@/server/modules/customers/customer-expand";
import { ZCustomerGetQuery } from "@/server/modules/customers/customer-expand.schemas";
import { deleteCustomer, updateCustomer } from "@/server/modules/customers/customer.service";
import { otherMethods } from "@/server/http/route-methods";

const id = (params: Record<string, string | string[] | undefined>) => String(params.id ?? "");

/** With the customer's ETag, for a later PATCH's If-Match; `?expand=balance,tier,profiles` embeds those. */
export const GET = withTenant({ permission: "customers:read", query: ZCustomerGetQuery }, async ({ ctx, params, query }) =>
  versionedJson(await getExpandedCustomer(ctx, id(params), query.expand)),
);

/** With If-Match, only over that version (412 otherwise, nothing changed); answers the new ETag. */
export const PATCH = withTenant({ permission: "customers:write", body: ZCustomerUpdate }, async ({ ctx, params, body, request }) =>
  versionedJson(await updateCustomer(ctx, id(params), body, { ifMatch: ifMatchOf(request) })),
);

export const DELETE = withTenant({ permission: "customers:delete" }, async ({ ctx, params }) => Response.json(await deleteCustomer(ctx, id(params))));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT } = otherMethods(["GET", "PATCH", "DELETE"]);
