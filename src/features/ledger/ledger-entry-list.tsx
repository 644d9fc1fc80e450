import Link from "next/link";
import { Badge } from "@/components/badge";
import { cn } from "@/components/cn";
import type { BrandLedgerRow } from "@/server/modules/ledger/brand-ledger.schemas";
import { KIND_LABELS, signedPoints } from "./ledger-words";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * The ledger as a list of cards: one per entry, its points, its words, its customer and mention.
 * Cards rather than a table, so a phone shows every field without sideways scrolling, and long,
 * RTL or emoji names wrap inside their card (names are rendered as text, never as HTML).
 */
export function LedgerEntryList({ items, tenantSlug }: { items: BrandLedgerRow[]; tenantSlug: string }) {
  return (
    <ul className="divide-y divide-line" aria-label="Ledger entries">
      {items.map((entry) => (
        <li key={entry.id} data-entry-id={entry.id} className="grid min-w-0 grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 px-5 py-3">
          <p
            data-testid="entry-points"
            className={cn("row-span-2 w-20 text-right text-base font-semibold tabular-nums", entry.amount >= 0 ? "text-emerald-700" : "text-red-700")}
          >
            {signedPoints(entry.amount)}
          </p>
          <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            <Badge tone="neutral">{KIND_LABELS[entry.source]}</Badge>
            <Link
              href={`/t/${tenantSlug}/customers/${entry.customer.id}`}
              dir="auto"
              className="line-clamp-2 max-w-full min-w-0 font-medium break-words text-fg hover:underline"
            >
              {entry.customer.name}
            </Link>
            <time dateTime={entry.createdAt} className="text-xs text-fg-subtle">
              {when.format(new Date(entry.createdAt))} UTC
            </time>
          </div>
          <div className="min-w-0 space-y-1 text-sm text-fg-muted">
            <p data-testid="entry-summary" dir="auto" className="line-clamp-3 break-words">
              {entry.summary}
            </p>
            <p className="flex min-w-0 flex-wrap gap-x-3 gap-y-1 text-xs">
              {entry.campaign && (
                <span className="min-w-0 truncate">
                  Campaign: <span dir="auto">{entry.campaign.name}</span>
                </span>
              )}
              {entry.mention && (
                <span className="min-w-0 break-words">
                  Mention by <span dir="auto">@{entry.mention.handle}</span>:{" "}
                  {entry.mention.url ? (
                    <a href={entry.mention.url} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 hover:underline" dir="auto">
                      “{entry.mention.text}”
                    </a>
                  ) : (
                    <span dir="auto">“{entry.mention.text}”</span>
                  )}
                </span>
              )}
              <Link href={`/t/${tenantSlug}/ledger?customerId=${entry.customer.id}`} className="text-brand-700 hover:underline">
                This customer’s entries
              </Link>
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
