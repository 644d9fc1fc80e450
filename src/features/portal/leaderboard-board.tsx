import Link from "next/link";
import { cn } from "@/components/cn";
import type { LeaderboardPeriod, LeaderboardRow, MyRank } from "@/server/modules/leaderboard/leaderboard.schemas";

const n = (value: number) => value.toLocaleString("en-US");

/** What the board shows for a customer who chose no name: nothing that could identify them. */
export const ANONYMOUS_ADVOCATE = "An advocate";

export const PERIOD_LABELS: Record<LeaderboardPeriod, string> = { month: "This month", all: "All time" };

/** The two boards as links (?period=…), so each view has its own address and works without script. */
export function LeaderboardTabs({ slug, active }: { slug: string; active: LeaderboardPeriod }) {
  return (
    <nav aria-label="Leaderboard period" className="flex gap-2">
      {(["month", "all"] as const).map((period) => (
        <Link
          key={period}
          href={`/r/${slug}/leaderboard?period=${period}`}
          aria-current={active === period ? "page" : undefined}
          className={cn(
            "rounded-control px-3 py-1.5 text-sm font-medium",
            active === period ? "bg-[var(--brand-color)] text-[var(--brand-text)]" : "bg-surface-muted text-fg-muted hover:text-fg",
          )}
        >
          {PERIOD_LABELS[period]}
        </Link>
      ))}
    </nav>
  );
}

/** The customer's own standing in one period, in words. */
export function MyStanding({ rank }: { rank: MyRank }) {
  const text = rank.optedOut
    ? "You are not on the board."
    : rank.rank === null
      ? "You are not on this board yet: earn points to join it."
      : `You are #${n(rank.rank)} of ${n(rank.of)} with ${n(rank.points)} points.`;
  return (
    <div className="rounded-card border border-line bg-surface p-3" data-testid={`leaderboard-me-${rank.period}`}>
      <p className="text-xs font-medium text-fg-subtle uppercase">{PERIOD_LABELS[rank.period]}</p>
      <p className="text-sm text-fg">{text}</p>
    </div>
  );
}

/** The top advocates; names are customers' own input, rendered as text only. */
export function LeaderboardList({ rows, label }: { rows: LeaderboardRow[]; label: string }) {
  if (rows.length === 0) return <p className="text-sm text-fg-muted">Nobody is on this board yet. Earn points to be the first.</p>;
  return (
    <ol className="divide-y divide-line rounded-card border border-line bg-surface" aria-label={label}>
      {rows.map((row, i) => (
        <li
          key={i}
          className={cn("flex items-center gap-3 px-3 py-2", row.you && "bg-brand-50")}
          data-testid="leaderboard-row"
          data-rank={row.rank}
          data-you={row.you ? "true" : undefined}
        >
          <span className="w-8 shrink-0 text-right text-sm font-semibold text-fg-muted tabular-nums">{row.rank}</span>
          <span className={cn("min-w-0 flex-1 truncate text-sm", row.displayName === null ? "text-fg-muted italic" : "text-fg")}>
            {row.displayName ?? ANONYMOUS_ADVOCATE}
            {row.you && <span className="ml-1 text-xs font-semibold text-brand-700 not-italic">(you)</span>}
          </span>
          <span className="shrink-0 text-sm font-semibold text-fg tabular-nums">{n(row.points)} pts</span>
        </li>
      ))}
    </ol>
  );
}
