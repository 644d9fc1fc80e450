import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { ZLedgerExportQuery } from "@/server/modules/ledger/brand-ledger.schemas";
import { exportLedgerCsv } from "@/server/modules/ledger/ledger-export";

/**
 * The brand ledger's lists as CSV, streamed: `?report=entries|daily|campaigns|rules` with the
 * screen's filters (`kind`, `customerId`, `ruleId`, `campaignId`, `from`, `to`).
 */
export const GET = withTenant({ permission: "ledger:read", query: ZLedgerExportQuery }, async ({ ctx, query }) => {
  const csv = await exportLedgerCsv(ctx, query);
  return new Response(csv.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
