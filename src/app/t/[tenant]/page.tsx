import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { PageHeader } from "@/components/page-header";
import { OverviewView } from "@/features/overview/overview-view";
import { PeriodPicker } from "@/features/overview/period-picker";
import { requireMember } from "@/server/http/require-member";
import { readOverviewFigures } from "@/server/modules/overview/overview-figures";
import { topAdvocates, topPosts } from "@/server/modules/overview/overview-top";
import { periodFromSearch } from "@/server/modules/overview/overview.schemas";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function OverviewPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant: slug } = await params;
  const base = `/t/${slug}`;
  const { ctx, tenant, can } = await requireMember(slug, base);
  const { period, invalid } = periodFromSearch(await searchParams);
  const [figures, advocates, posts] = await Promise.all([readOverviewFigures(ctx, period), topAdvocates(ctx, period), topPosts(ctx, period)]);
  return (
    <>
      <PageHeader
        title={<span className="[overflow-wrap:anywhere]">{tenant.name}</span>}
        description="Mentions, linked accounts and points for the period you choose, against the period of the same length before it."
        actions={can("customers:write") ? <ButtonLink href={`${base}/customers/new`}>Add customer</ButtonLink> : undefined}
      />
      {invalid && (
        <Alert tone="warning" className="mb-4">
          That period was not valid (a custom period needs both days, the first not after the last, at most 366 days), so the last 30 days are shown.
        </Alert>
      )}
      <PeriodPicker base={base} period={period} />
      <OverviewView slug={slug} figures={figures} advocates={advocates} posts={posts} />
    </>
  );
}
