import { StatCard } from "@/components/stat-card";

export interface PointsSummaryView {
  balance: number;
  lifetimeEarned: number;
  onHold: number;
}

const n = (value: number) => value.toLocaleString("en-US");

/** Balance first: it is what a customer opens the portal for. */
export function PointsSummary({ summary }: { summary: PointsSummaryView }) {
  return (
    <div className="grid grid-cols-2 gap-3">
      <StatCard
        className="col-span-2"
        label="Your points"
        value={<span data-testid="portal-balance">{n(summary.balance)}</span>}
        hint="Ready to spend on rewards"
      />
      <StatCard label="Earned so far" value={<span data-testid="portal-lifetime">{n(summary.lifetimeEarned)}</span>} />
      <StatCard
        label="On hold"
        value={<span data-testid="portal-on-hold">{n(summary.onHold)}</span>}
        hint={summary.onHold > 0 ? "Spent on rewards being prepared" : "Nothing waiting"}
      />
    </div>
  );
}
