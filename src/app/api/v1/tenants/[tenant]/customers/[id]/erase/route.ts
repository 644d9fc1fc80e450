import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { eraseCustomer } from "@/server/modules/customers/customer-privacy";

/** Erases a customer's personal data (tokens revoked at the networks first); the ledger stays whole and anonymous. */
export const POST = withTenant({ permission: "customers:delete" }, async ({ ctx, params }) => Response.json(await eraseCustomer(ctx, String(params.id ?? ""))));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
