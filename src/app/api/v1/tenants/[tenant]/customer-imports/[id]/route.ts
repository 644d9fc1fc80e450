import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { getCustomerImport } from "@/server/modules/customer-import/customer-import.service";

/** An import's status, counts and first row errors (poll it while the check or the run goes). */
export const GET = withTenant({ permission: "customers:read" }, async ({ ctx, params }) => {
  return Response.json(await getCustomerImport(ctx, String(params.id)));
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
