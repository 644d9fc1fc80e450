import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { StatCard } from "@/components/stat-card";
import { LedgerFilters } from "@/features/ledger/ledger-filters";
import { LedgerTabs } from "@/features/ledger/ledger-tabs";
import { exportHref, filterParams, pointsFormat } from "@/features/ledger/ledger-words";
import { LiabilityChart } from "@/features/ledger/liability-chart";
import { LiabilityDaysTable, LiabilityRefTable } from "@/features/ledger/liability-tables";
import { readLedgerFilter, withDefaultDays, type RawSearch } from "@/features/ledger/read-ledger-filter";
import { requireMember } from "@/server/http/require-member";
import { ledgerFilterOptions } from "@/server/modules/ledger/brand-ledger";
import { dailyLiability, liabilityBy } from "@/server/modules/ledger/liability";

export const metadata = { title: "Liability · Ledger" };

export default async function LiabilityPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<RawSearch> }) {
  const { tenant: slug } = await params;
  const { ctx } = await requireMember(slug, `/t/${slug}/ledger/liability`);
  const { filter: asked, problem } = readLedgerFilter(await searchParams);
  const filter = withDefaultDays(asked);
  const [report, byCampaign, byRule, options] = await Promise.all([
    dailyLiability(ctx, filter),
    liabilityBy(ctx, "campaign", filter),
    liabilityBy(ctx, "rule", filter),
    ledgerFilterOptions(ctx),
  ]);
  const t = report.totals;
  const exportLink = (report: "daily" | "campaigns" | "rules") => (
    <Link href={exportHref(slug, report, filter)} prefetch={false} download className="text-sm font-medium text-brand-700 hover:underline">
      Export CSV
    </Link>
  );
  return (
    <>
      <PageHeader title="Liability" description="Points your customers hold: earned, less redeemed, expired and reversed. Days are UTC." />
      <LedgerTabs tenantSlug={slug} current="liability" query={filterParams(asked).toString()} />
      {problem && (
        <Alert tone="warning" title="That filter could not be used" className="mb-4">
          {problem}
        </Alert>
      )}
      <div className="space-y-4">
        <Card title="Filter" headingLevel={2}>
          <LedgerFilters action={`/t/${slug}/ledger/liability`} filter={filter} options={options} fields={["ruleId", "campaignId", "days"]} />
        </Card>
        <section aria-label="Totals for the period" className="grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-6 [&>*]:min-w-0">
          <StatCard
            label="Outstanding"
            value={<span data-testid="total-outstanding">{pointsFormat.format(t.outstanding)}</span>}
            hint={`at the end of ${filter.to ?? "the period"}`}
          />
          <StatCard
            label="Opening"
            value={<span data-testid="total-opening">{pointsFormat.format(report.opening)}</span>}
            hint={`before ${filter.from ?? "the period"}`}
          />
          <StatCard label="Earned" value={<span data-testid="total-earned">{pointsFormat.format(t.earned)}</span>} />
          <StatCard label="Redeemed" value={<span data-testid="total-redeemed">{pointsFormat.format(t.redeemed)}</span>} />
          <StatCard label="Expired" value={<span data-testid="total-expired">{pointsFormat.format(t.expired)}</span>} />
          <StatCard
            label="Reversed"
            value={<span data-testid="total-reversed">{pointsFormat.format(t.reversed)}</span>}
            hint={t.other ? `and ${pointsFormat.format(t.other)} adjusted down or merged` : "taken back, less refunds"}
          />
        </section>
        <Card title="Per day" headingLevel={2} actions={exportLink("daily")} flush>
          <div className="px-2 pt-4 sm:px-5">
            <LiabilityChart days={report.days} />
          </div>
          <LiabilityDaysTable days={report.days} />
        </Card>
        <Card title="Per campaign" headingLevel={2} actions={exportLink("campaigns")} flush>
          <LiabilityRefTable rows={byCampaign} caption="Points per campaign" nameHeader="Campaign" />
        </Card>
        <Card title="Per rule" headingLevel={2} actions={exportLink("rules")} flush>
          <LiabilityRefTable rows={byRule} caption="Points per rule" nameHeader="Rule" />
        </Card>
      </div>
    </>
  );
}
