import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { ZCustomerListQuery } from "@/server/modules/customers/customer.schemas";
import { exportCustomersCsv } from "@/server/modules/exports/customer-export";
import { csvResponse } from "@/server/modules/exports/csv-stream";

/** The customers list as CSV, streamed, with the list's filters (`q`, `stage`, `sentiment`, `linkedFrom`, `linkedTo`, `minFollowers`, `minPoints`). */
export const GET = withTenant({ permission: "customers:read", query: ZCustomerListQuery }, async ({ ctx, query }) => {
  return csvResponse(await exportCustomersCsv(ctx, query));
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
