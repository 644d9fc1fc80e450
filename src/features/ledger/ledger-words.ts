import type { BrandLedgerFilter } from "@/server/modules/ledger/brand-ledger.schemas";

/** Each ledger kind as staff read it. */
export const KIND_LABELS: Record<NonNullable<BrandLedgerFilter["kind"]>, string> = {
  MENTION: "Mention",
  CHECKIN: "Check-in",
  SHARE: "Share",
  LINK_ACCOUNT: "Linked account",
  REDEMPTION: "Redemption",
  ADJUSTMENT: "Adjustment",
  REVERSAL: "Reversal",
  EXPIRY: "Expiry",
  MERGE: "Merge",
};

export const pointsFormat = new Intl.NumberFormat("en-US");
export const signedPoints = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : ""}${pointsFormat.format(Math.abs(n))}`;

/** The filter as search params (empty fields dropped), to keep it across pages, views and the export. */
export function filterParams(filter: BrandLedgerFilter, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, String(value));
  return params;
}

export function exportHref(tenantSlug: string, report: "entries" | "daily" | "campaigns" | "rules", filter: BrandLedgerFilter): string {
  return `/api/v1/tenants/${encodeURIComponent(tenantSlug)}/ledger/export?${filterParams(filter, { report }).toString()}`;
}
