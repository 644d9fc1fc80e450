import Link from "next/link";
import { EmptyState } from "@/components/empty-state";

export interface PointsLineView {
  id: string;
  amount: number;
  words: string;
  createdAt: string;
  postUrl: string | null;
  reverses: { id: string; words: string; createdAt: string } | null;
  reversedBy: { id: string; createdAt: string } | null;
}

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/**
 * The customer's ledger, one line per entry, in the words the entry stored. A reversal names what
 * it reverses; a reversed entry says so. Post links come from the network and open outside.
 */
export function PointsHistory({ lines, emptyHint }: { lines: PointsLineView[]; emptyHint: string }) {
  if (lines.length === 0) return <EmptyState title="No points yet" description={emptyHint} />;
  return (
    <ol className="divide-y divide-line" aria-label="Points history">
      {lines.map((line) => (
        <li key={line.id} className="py-3" data-testid="portal-ledger-line" data-entry-id={line.id}>
          <div className="flex items-start justify-between gap-3">
            <p className="min-w-0 text-sm text-fg">{line.words}</p>
            <span className={`shrink-0 text-sm font-semibold tabular-nums ${line.amount >= 0 ? "text-emerald-800" : "text-fg"}`}>
              {line.amount >= 0 ? "+" : "−"}
              {Math.abs(line.amount).toLocaleString("en-US")}
            </span>
          </div>
          <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-fg-subtle">
            <time dateTime={line.createdAt}>{day(line.createdAt)}</time>
            {line.postUrl && (
              <a href={line.postUrl} target="_blank" rel="noopener noreferrer nofollow" className="font-medium text-brand-700 hover:underline">
                See the post
              </a>
            )}
            {line.reversedBy && <span>Reversed on {day(line.reversedBy.createdAt)}</span>}
          </p>
          {line.reverses && (
            <p className="mt-1 rounded-control bg-surface-muted px-2 py-1 text-xs text-fg-muted">
              Reverses {day(line.reverses.createdAt)}: {line.reverses.words}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

export function OlderPointsLink({ href }: { href: string | null }) {
  if (!href) return null;
  return (
    <Link href={href} className="inline-block text-sm font-medium text-brand-700 hover:underline">
      Older points →
    </Link>
  );
}
