import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { csvDownload, stamp, type CsvCell, type CsvDownload } from "../exports/csv-stream";
import { listBrandLedger } from "./brand-ledger";
import { ZLedgerExportQuery, type BrandLedgerFilter, type LedgerExportQuery, type LedgerReport } from "./brand-ledger.schemas";
import { dailyLiability, liabilityBy } from "./liability";

const EXPORT_PAGE = 200;

const HEADERS: Record<LedgerReport, string[]> = {
  entries: ["Entry", "Date (UTC)", "Kind", "Points", "Explanation", "Customer id", "Customer", "Rule", "Campaign", "Mention id", "Mention by", "Reverses"],
  daily: ["Day (UTC)", "Earned", "Redeemed", "Expired", "Reversed", "Other", "Net", "Outstanding"],
  campaigns: ["Campaign id", "Campaign", "Entries", "Customers", "Earned", "Reversed", "Net"],
  rules: ["Rule id", "Rule", "Entries", "Customers", "Earned", "Reversed", "Net"],
};

/** The rows of one report under the filter, a batch at a time: only entries can be large. */
async function* reportRows(ctx: TenantContext, report: LedgerReport, filter: BrandLedgerFilter): AsyncGenerator<CsvCell[][]> {
  switch (report) {
    case "entries": {
      let after: string | undefined;
      do {
        const page = await listBrandLedger(ctx, { ...filter, after, pageSize: EXPORT_PAGE });
        yield page.items.map((e) => [
          e.id,
          e.createdAt,
          e.source,
          e.amount,
          e.summary,
          e.customer.id,
          e.customer.name,
          e.rule?.name ?? "",
          e.campaign?.name ?? "",
          e.mention?.id ?? "",
          e.mention ? `@${e.mention.handle}` : "",
          e.reversesId ?? "",
        ]);
        after = page.nextAfter ?? undefined;
      } while (after);
      return;
    }
    case "daily": {
      const { days } = await dailyLiability(ctx, filter);
      yield days.map((d) => [d.day, d.earned, d.redeemed, d.expired, d.reversed, d.other, d.net, d.outstanding]);
      return;
    }
    case "campaigns":
    case "rules": {
      const rows = await liabilityBy(ctx, report === "campaigns" ? "campaign" : "rule", filter);
      yield rows.map((r) => [r.id ?? "", r.name, r.entries, r.customers, r.earned, r.reversed, r.net]);
      return;
    }
    default: {
      const unreachable: never = report;
      throw new Error(`unknown report ${String(unreachable)}`);
    }
  }
}

export type LedgerCsv = CsvDownload;

/**
 * A report as CSV. The first batch is read before this returns, so a refused filter or permission
 * is an error the caller can answer properly, not a broken download.
 */
export async function exportLedgerCsv(ctx: TenantContext, rawQuery: LedgerExportQuery): Promise<LedgerCsv> {
  assertCan(ctx, "ledger:read");
  const { report, ...filter } = ZLedgerExportQuery.parse(rawQuery);
  const batches = reportRows(ctx, report, filter);
  return csvDownload(`${ctx.tenantSlug}-ledger-${report}-${stamp()}.csv`, HEADERS[report], batches);
}
