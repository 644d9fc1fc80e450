import Link from "next/link";
import { cn } from "@/components/cn";

/** Entries and Liability: two views of one ledger, the filter kept across both. */
export function LedgerTabs({ tenantSlug, current, query }: { tenantSlug: string; current: "entries" | "liability"; query: string }) {
  const tabs = [
    ["entries", "Entries", `/t/${tenantSlug}/ledger`],
    ["liability", "Liability", `/t/${tenantSlug}/ledger/liability`],
  ] as const;
  return (
    <nav aria-label="Ledger views" className="mb-4 flex flex-wrap gap-2">
      {tabs.map(([key, label, href]) => (
        <Link
          key={key}
          href={query ? `${href}?${query}` : href}
          aria-current={current === key ? "page" : undefined}
          className={cn(
            "rounded-control px-3 py-1.5 text-sm font-medium",
            current === key ? "bg-brand-50 text-brand-700" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
          )}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
