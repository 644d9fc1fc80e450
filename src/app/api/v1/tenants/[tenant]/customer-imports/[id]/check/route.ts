import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { ZImportCheck } from "@/server/modules/customer-import/customer-import.schemas";
import { getCustomerImport, startImportCheck } from "@/server/modules/customer-import/customer-import.service";

/** Saves the column mapping and queues the dry run; 202 with the import (status CHECKING). */
export const POST = withTenant({ permission: "customers:write", body: ZImportCheck }, async ({ ctx, params, body }) => {
  const id = String(params.id);
  await startImportCheck(ctx, id, body.mapping);
  return Response.json(await getCustomerImport(ctx, id), { status: 202 });
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
