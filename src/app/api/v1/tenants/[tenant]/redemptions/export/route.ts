import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { csvResponse } from "@/server/modules/exports/csv-stream";
import { exportRedemptionsCsv, ZRedemptionExportQuery } from "@/server/modules/exports/redemption-export";

/** Rewards → Redemptions as CSV, streamed, newest first; `?status=PENDING|FULFILLED|CANCELLED` as on the screen. */
export const GET = withTenant({ permission: "rewards:read", query: ZRedemptionExportQuery }, async ({ ctx, query }) => {
  return csvResponse(await exportRedemptionsCsv(ctx, query));
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
