import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { DeleteTierForm } from "@/features/tiers/delete-tier-form";
import { TierForm } from "@/features/tiers/tier-form";
import { TierPeriodForm } from "@/features/tiers/tier-period-form";
import { requireMember } from "@/server/http/require-member";
import { MAX_TIERS, TIER_PERIOD_MONTHS } from "@/server/modules/tiers/tier.schemas";
import { getTierSettings } from "@/server/modules/tiers/tier.service";
import { createTierAction, deleteTierAction, updateTierAction, updateTierPeriodAction } from "./actions";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "Tiers" };

const points = (n: number) => n.toLocaleString("en-US");

export default async function TiersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/tiers`);
  const { periodMonths, tiers } = await getTierSettings(ctx);
  const canWrite = can("settings:write");
  const period = `${periodMonths} ${periodMonths === 1 ? "month" : "months"}`;
  return (
    <>
      <SettingsPageHeader
        slug={slug}
        title="Tiers"
        description="Customers move up and down tiers by the points they earned in a rolling period. Tiers can gate rewards and be a campaign's target segment."
      />
      {!canWrite && (
        <Alert tone="info" role="none" className="mb-4 max-w-3xl">
          You can see the tiers; only admins and the owner can change them.
        </Alert>
      )}
      <div className="max-w-3xl space-y-6">
        <Card title="Period" headingLevel={2}>
          {canWrite ? (
            <TierPeriodForm tenantSlug={slug} months={periodMonths} min={TIER_PERIOD_MONTHS.min} max={TIER_PERIOD_MONTHS.max} action={updateTierPeriodAction} />
          ) : (
            <p className="text-sm">
              Tiers count points earned in the last <strong data-testid="period-months">{period}</strong>.
            </p>
          )}
        </Card>
        <Card title="Tiers, lowest first" headingLevel={2}>
          <div className="space-y-4">
            <p className="text-sm text-fg-muted">
              A customer is in the highest tier whose threshold their points earned in the last {period} reach (points taken back by a reversal do not count;
              spending points does not lower a tier). Below the lowest threshold a customer has no tier; a tier from 0 points makes a base tier for everyone.
            </p>
            {tiers.length === 0 ? (
              <p className="text-sm text-fg-muted" data-testid="no-tiers">
                No tiers yet.
              </p>
            ) : (
              <ol className="divide-y divide-line rounded-card border border-line" aria-label="Tiers">
                {tiers.map((tier) => (
                  <li key={tier.id} className="space-y-2 p-3" data-testid="tier-row">
                    {canWrite ? (
                      <>
                        <TierForm tenantSlug={slug} action={updateTierAction} tier={tier} />
                        <DeleteTierForm tenantSlug={slug} tierId={tier.id} name={tier.name} action={deleteTierAction} />
                      </>
                    ) : (
                      <p className="flex flex-wrap justify-between gap-2 text-sm">
                        <span className="font-medium text-fg">{tier.name}</span>
                        <span className="text-fg-muted">from {points(tier.threshold)} points</span>
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </div>
        </Card>
        {canWrite && (
          <Card title="New tier" headingLevel={2}>
            {tiers.length >= MAX_TIERS ? (
              <p className="text-sm text-fg-muted">A brand has at most {MAX_TIERS} tiers.</p>
            ) : (
              <TierForm tenantSlug={slug} action={createTierAction} />
            )}
          </Card>
        )}
      </div>
    </>
  );
}
