import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { getBalance } from "@/server/modules/ledger/ledger-queries";

/** The customer's points now and ever earned (a merged customer's points are with the survivor). */
export const GET = withTenant({ permission: "ledger:read" }, async ({ ctx, params }) => Response.json(await getBalance(ctx, String(params.id ?? ""))));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
