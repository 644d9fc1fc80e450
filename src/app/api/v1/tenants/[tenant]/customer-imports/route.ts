import { readCsvBody } from "@/server/http/csv-body";
import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { MAX_IMPORT_BYTES, ZImportUploadQuery } from "@/server/modules/customer-import/customer-import.schemas";
import { uploadCustomerImport } from "@/server/modules/customer-import/customer-import.service";

/**
 * Uploads a customer CSV (`text/csv`, UTF-8, up to 20 MB; `?filename=` names it): checked for
 * encoding and header, stored with a guessed mapping. Nothing is imported until a check and a run.
 */
export const POST = withTenant({ permission: "customers:write", query: ZImportUploadQuery }, async ({ ctx, request, query }) => {
  const bytes = await readCsvBody(request, MAX_IMPORT_BYTES);
  const created = await uploadCustomerImport(ctx, { name: query.filename ?? "customers.csv", bytes });
  return Response.json(created, { status: 201 });
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
