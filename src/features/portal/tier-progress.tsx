import { Card } from "@/components/card";
import type { TierStatusDto } from "@/server/modules/tiers/tier.schemas";

const n = (value: number) => value.toLocaleString("en-US");

/** The customer's tier and the way to the next, from points earned in the brand's rolling period. */
export function TierProgress({ status }: { status: TierStatusDto }) {
  if (!status.tier && !status.nextTier) return null; // the brand has no tiers
  const months = `${status.periodMonths} month${status.periodMonths === 1 ? "" : "s"}`;
  const target = status.nextTier?.threshold ?? 0;
  return (
    <Card title={status.tier ? `${status.tier.name} member` : "Your tier"}>
      <p className="text-sm text-fg" data-testid="portal-tier">
        {n(status.earnedInPeriod)} points earned in the last {months}.{" "}
        {status.nextTier && status.pointsToNext !== null ? `${n(status.pointsToNext)} more to reach ${status.nextTier.name}.` : "You are in the top tier."}
      </p>
      {status.nextTier && (
        <progress
          className="mt-3 h-1.5 w-full accent-brand-500"
          value={Math.min(status.earnedInPeriod, target)}
          max={target}
          aria-label={`Progress to ${status.nextTier.name}`}
        />
      )}
    </Card>
  );
}
