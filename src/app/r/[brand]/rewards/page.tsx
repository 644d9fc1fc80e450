import type { Metadata } from "next";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PointsSummary } from "@/features/portal/points-summary";
import { PortalFrame } from "@/features/portal/portal-frame";
import { RewardCard, type RewardView } from "@/features/portal/reward-card";
import { requireCustomer } from "@/server/http/require-customer";
import { myPointsSummary } from "@/server/modules/portal/my-points";
import { myProfile } from "@/server/modules/portal/my-profile";
import { listCatalogForCustomer, listMyRedemptions, type CatalogItem } from "@/server/modules/rewards/customer-catalog";
import { signOutOfPortalAction } from "../actions";
import { redeemRewardAction } from "./actions";

export const metadata: Metadata = { title: "Rewards" };

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** What stands between the customer and the reward, in words; null when nothing does. */
function blocker(item: CatalogItem): string | null {
  if (item.availability === "not-yet") return `Available from ${day(item.availableFrom!)}`;
  if (item.availability === "ended") return "No longer available";
  if (item.outOfStock) return "Out of stock";
  if (item.remainingForYou === 0) return "You have redeemed this as many times as allowed";
  if (item.needsTier) return "For members of a higher tier";
  if (!item.affordable) return `${item.pointsNeeded.toLocaleString("en-US")} more points to go`;
  return null;
}

const STATUS_WORDS = { PENDING: "Being prepared", FULFILLED: "Ready", CANCELLED: "Cancelled, points given back" } as const;

export default async function PortalRewardsPage({ params }: { params: Promise<{ brand: string }> }) {
  const { brand: slug } = await params;
  const { brand, cctx } = await requireCustomer(slug, `/r/${slug}/rewards`);
  const [profile, summary, catalog, mine] = await Promise.all([myProfile(cctx), myPointsSummary(cctx), listCatalogForCustomer(cctx), listMyRedemptions(cctx)]);
  const rewards: RewardView[] = catalog.items.map((item) => ({
    id: item.id,
    name: item.name,
    description: item.description,
    pictureUrl: item.pictureUrl,
    cost: item.cost,
    blocker: blocker(item),
    progress: item.cost === 0 ? 1 : Math.min(1, catalog.balance / item.cost),
  }));
  return (
    <PortalFrame
      slug={brand.scope.tenantSlug}
      brandName={brand.name}
      theme={brand.theme}
      privacyPolicyUrl={brand.privacyPolicyUrl}
      customerName={profile.displayName}
      active="rewards"
      signOutAction={signOutOfPortalAction}
    >
      <h1 className="text-xl font-semibold text-fg">Rewards</h1>
      <PointsSummary summary={summary} />
      {rewards.length === 0 ? (
        <EmptyState title="No rewards yet" description={`${brand.name} has not added rewards yet. Your points wait for you.`} />
      ) : (
        <ul className="space-y-3" aria-label="Rewards">
          {rewards.map((reward) => (
            <RewardCard key={reward.id} slug={brand.scope.tenantSlug} reward={reward} action={redeemRewardAction} />
          ))}
        </ul>
      )}
      <Card title="My rewards">
        {mine.length === 0 ? (
          <p className="text-sm text-fg-muted">Rewards you redeem show up here, with their codes.</p>
        ) : (
          <ul className="divide-y divide-line" aria-label="My rewards">
            {mine.map((redemption) => (
              <li key={redemption.id} className="flex items-start justify-between gap-3 py-3" data-testid="portal-redemption">
                <div className="min-w-0">
                  <p className="text-sm font-medium text-fg">{redemption.rewardName}</p>
                  <p className="text-xs text-fg-subtle">
                    {day(redemption.createdAt)} · {STATUS_WORDS[redemption.status]}
                  </p>
                </div>
                {redemption.code && redemption.status !== "CANCELLED" && (
                  <code className="shrink-0 rounded-control bg-surface-muted px-2 py-1 text-sm font-semibold text-fg" data-testid="portal-redemption-code">
                    {redemption.code}
                  </code>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </PortalFrame>
  );
}
