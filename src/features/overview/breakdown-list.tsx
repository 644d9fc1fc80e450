import Link from "next/link";
import { comparison, fmt, percent } from "./overview-links";

export interface BreakdownRow {
  key: string;
  label: string;
  /** A smaller line under the label, e.g. the term's network and kind. */
  detail?: string;
  current: number;
  previous: number;
  href: string;
}

/**
 * Rows of a whole (sentiment mix, share of voice, networks): each a link to its list, with its
 * share of the period's total as text and as a <meter> (no inline style: the CSP refuses it).
 */
export function BreakdownList({ rows, total, label, testId }: { rows: BreakdownRow[]; total: number; label: string; testId: string }) {
  return (
    <ul className="divide-y divide-line" aria-label={label} data-testid={testId}>
      {rows.map((row) => (
        <li key={row.key}>
          <Link href={row.href} className="flex min-w-0 flex-col gap-1 px-5 py-3 hover:bg-surface-muted" data-testid={`${testId}-${row.key}`}>
            <span className="flex min-w-0 items-baseline justify-between gap-3">
              <span className="min-w-0 truncate font-medium text-fg" title={row.label}>
                {row.label}
              </span>
              <span className="shrink-0 text-fg tabular-nums">
                <span data-testid={`${testId}-${row.key}-value`}>{fmt(row.current)}</span>{" "}
                <span className="text-fg-subtle">· {percent(row.current, total)}</span>
              </span>
            </span>
            <meter className="h-1.5 w-full" min={0} max={Math.max(total, 1)} value={row.current} aria-hidden="true" />
            <span className="min-w-0 truncate text-[12px] text-fg-subtle">
              {row.detail ? `${row.detail} · ` : ""}
              {comparison(row.current, row.previous)}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
