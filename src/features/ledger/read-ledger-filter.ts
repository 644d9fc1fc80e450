import { ZBrandLedgerFilter, type BrandLedgerFilter } from "@/server/modules/ledger/brand-ledger.schemas";

export type RawSearch = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The filter a ledger page was opened with. A hand-edited URL with a bad field shows the whole
 * ledger with the problem said, rather than an error page.
 */
export function readLedgerFilter(raw: RawSearch): { filter: BrandLedgerFilter; problem: string | null } {
  const parsed = ZBrandLedgerFilter.safeParse({
    kind: first(raw.kind),
    customerId: first(raw.customerId),
    ruleId: first(raw.ruleId),
    campaignId: first(raw.campaignId),
    from: first(raw.from),
    to: first(raw.to),
  });
  if (parsed.success) return { filter: parsed.data, problem: null };
  return { filter: {}, problem: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
}

export function readAfter(raw: RawSearch): string | undefined {
  const after = first(raw.after);
  return after && /^led_[0-9a-f]{32}$/.test(after) ? after : undefined;
}

const DAY_MS = 86_400_000;

/** Without dates a liability view is the last 30 days (UTC), so its table stays a page long. */
export function withDefaultDays(filter: BrandLedgerFilter, now = new Date()): BrandLedgerFilter {
  if (filter.from || filter.to) return filter;
  return { ...filter, from: new Date(now.getTime() - 29 * DAY_MS).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}
