import { Card } from "@/components/card";
import { DeletionPassSummary } from "@/features/deletions/deletion-pass-summary";
import { DeletionPeriodForm } from "@/features/deletions/deletion-period-form";
import { RunPassForm } from "@/features/deletions/run-pass-form";
import { NETWORK_LABELS } from "@/features/listening/labels";
import { requireMember } from "@/server/http/require-member";
import { getDeletionChecks } from "@/server/pipeline/deletions/deletion-settings.service";
import { DELETION_PERIOD_DAYS } from "@/server/pipeline/deletions/deletion-tiers";
import { runDeletionPassAction, updateDeletionPeriodAction } from "./actions";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "Deleted posts" };

export default async function DeletionsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/deletions`);
  const checks = await getDeletionChecks(ctx);
  const canWrite = can("settings:write");
  const periodDays = checks[0]?.periodDays ?? DELETION_PERIOD_DAYS.default;
  return (
    <>
      <SettingsPageHeader
        slug={slug}
        title="Deleted posts"
        description="Collected posts are checked again for a while: a post its author deleted loses its content here and its points are taken back once."
      />
      <div className="space-y-6">
        <Card title="Checking period" headingLevel={2} className="max-w-3xl">
          <div className="space-y-4 text-sm">
            <p className="text-fg-muted">
              A post is checked on every pass (every 10 minutes) in its first hour, then hourly until it is a day old, then daily until the end of the period.
              After that its points are settled.
            </p>
            {canWrite ? (
              <DeletionPeriodForm
                tenantSlug={slug}
                periodDays={periodDays}
                min={DELETION_PERIOD_DAYS.min}
                max={DELETION_PERIOD_DAYS.max}
                action={updateDeletionPeriodAction}
              />
            ) : (
              <p>
                Posts are checked for <strong data-testid="period-days">{periodDays}</strong> {periodDays === 1 ? "day" : "days"} after they are collected. Only
                admins and the owner can change this.
              </p>
            )}
          </div>
        </Card>
        {checks.map((c) => (
          <Card key={c.network} title={`${NETWORK_LABELS[c.network]} deletion checks`} headingLevel={2} className="max-w-3xl">
            <div className="space-y-5">
              <DeletionPassSummary checks={c} />
              {canWrite && <RunPassForm tenantSlug={slug} network={c.network} networkLabel={NETWORK_LABELS[c.network]} action={runDeletionPassAction} />}
            </div>
          </Card>
        ))}
      </div>
    </>
  );
}
