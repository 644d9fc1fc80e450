import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { ZImportRun } from "@/server/modules/customer-import/customer-import.schemas";
import { getCustomerImport, startImportRun } from "@/server/modules/customer-import/customer-import.service";

/** Queues the real run of a checked import (`skipInvalid` must be true if the check found broken rows); 202. */
export const POST = withTenant({ permission: "customers:write", body: ZImportRun }, async ({ ctx, params, body }) => {
  const id = String(params.id);
  await startImportRun(ctx, id, body.skipInvalid);
  return Response.json(await getCustomerImport(ctx, id), { status: 202 });
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
