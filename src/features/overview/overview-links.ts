import type { OverviewPeriod } from "@/server/modules/overview/overview.schemas";

/** Where each figure's list lives, filtered to the same days (and network, sentiment, term). */
export function overviewLinks(slug: string, period: Pick<OverviewPeriod, "from" | "to">) {
  const at = (path: string, params: Record<string, string | undefined>) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    return `/t/${slug}/${path}?${query.toString()}`;
  };
  const days = { from: period.from, to: period.to };
  return {
    mentions: (filter: { network?: string; sentiment?: string; source?: string } = {}) => at("inbox", { ...days, ...filter }),
    linkedCustomers: () => at("customers", { linkedFrom: period.from, linkedTo: period.to }),
    pointsAwarded: () => at("ledger/liability", days),
    pointsRedeemed: () => at("ledger", { kind: "REDEMPTION", ...days }),
    liability: () => at("ledger/liability", days),
    customer: (id: string) => `/t/${slug}/customers/${encodeURIComponent(id)}`,
    customerPoints: (id: string) => at("ledger", { customerId: id, ...days }),
  };
}
export type OverviewLinks = ReturnType<typeof overviewLinks>;

export const fmt = (n: number) => n.toLocaleString("en");

/** "+3 (+25%) vs 12 the period before", or "same as the period before". */
export function comparison(current: number, previous: number): string {
  if (current === previous) return `same as the previous period (${fmt(previous)})`;
  const diff = current - previous;
  const sign = diff > 0 ? "+" : "−";
  const pct = previous === 0 ? "" : ` (${sign}${Math.round((Math.abs(diff) / Math.abs(previous)) * 100)}%)`;
  return `${sign}${fmt(Math.abs(diff))}${pct} vs ${fmt(previous)} the previous period`;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "0%" : `${Math.round((part / whole) * 100)}%`;
}
