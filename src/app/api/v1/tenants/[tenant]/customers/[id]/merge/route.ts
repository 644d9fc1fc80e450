import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { ZApiMergeCustomer } from "@/server/modules/customers/customer-merge.schemas";
import { mergeCustomers } from "@/server/modules/customers/merge-customers";

/** The same person recorded twice: this customer goes into `survivorId` (as the merge screen does; moving points also needs ledger:adjust). */
export const POST = withTenant({ permission: "customers:delete", body: ZApiMergeCustomer }, async ({ ctx, params, body }) =>
  Response.json(await mergeCustomers(ctx, { customerId: String(params.id ?? ""), survivorId: body.survivorId })),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
