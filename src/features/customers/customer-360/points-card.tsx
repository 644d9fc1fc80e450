import { Card } from "@/components/card";
import type { PointsSummaryDto } from "@/server/modules/customers/customer-360.schemas";
import type { TierStatusDto } from "@/server/modules/tiers/tier.schemas";
import { points } from "./format";

/** Balance, pending and lifetime points, and the tier with the way to the next one. */
export function PointsCard({ summary, tier, children }: { summary: PointsSummaryDto; tier: TierStatusDto; children?: React.ReactNode }) {
  const months = `${tier.periodMonths} month${tier.periodMonths === 1 ? "" : "s"}`;
  const target = tier.nextTier?.threshold ?? 0;
  return (
    <Card title="Points and tier" headingLevel={2}>
      <dl className="grid grid-cols-3 gap-3 text-sm" data-testid="points-summary">
        <div className="min-w-0">
          <dt className="text-fg-subtle">Balance</dt>
          <dd className="mt-1 text-2xl font-semibold text-fg tabular-nums" data-testid="points-balance">
            {points(summary.balance)}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-fg-subtle">Pending</dt>
          <dd className="mt-1 text-2xl font-semibold text-fg tabular-nums" data-testid="points-pending">
            {points(summary.pending)}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-fg-subtle">Lifetime</dt>
          <dd className="mt-1 text-2xl font-semibold text-fg tabular-nums" data-testid="points-lifetime">
            {points(summary.lifetimeEarned)}
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-fg-subtle">Pending: spent on rewards not handed over yet (given back if cancelled).</p>
      <div className="mt-4 border-t border-line pt-4 text-sm" data-testid="tier-status">
        <p className="font-medium text-fg break-words">
          {tier.tier ? `${tier.tier.name} tier` : tier.nextTier ? "Below the first tier" : "The brand has no tiers"}
        </p>
        <p className="mt-1 text-fg-muted">
          {points(tier.earnedInPeriod)} points earned in the last {months}.{" "}
          {tier.nextTier && tier.pointsToNext !== null ? `${points(tier.pointsToNext)} more to reach ${tier.nextTier.name}.` : tier.tier ? "Top tier." : ""}
        </p>
        {tier.nextTier && (
          <progress
            className="mt-2 h-1.5 w-full accent-brand-500"
            value={Math.min(tier.earnedInPeriod, target)}
            max={target}
            aria-label={`Progress to ${tier.nextTier.name}`}
          />
        )}
      </div>
      {children}
    </Card>
  );
}
