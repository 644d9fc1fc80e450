import Link from "next/link";
import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { cn } from "@/components/cn";
import { EmptyState } from "@/components/empty-state";
import { MegaphoneIcon, PlusIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { STATUS_LABELS } from "@/features/campaigns/campaign-labels";
import { CampaignsTable } from "@/features/campaigns/campaigns-table";
import { requireMember } from "@/server/http/require-member";
import { CAMPAIGN_STATUSES, ZCampaignListQuery, type CampaignStatus } from "@/server/modules/campaigns/campaign.schemas";
import { listCampaigns } from "@/server/modules/campaigns/campaign.service";

export const metadata = { title: "Campaigns" };

type Search = Record<string, string | string[] | undefined>;

export default async function CampaignsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Search> }) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  const base = `/t/${slug}/campaigns`;
  const { ctx, can } = await requireMember(slug, base);
  const parsed = ZCampaignListQuery.safeParse({ status: first(raw.status), page: first(raw.page) ?? "1" });
  const query = parsed.success ? parsed.data : ZCampaignListQuery.parse({});
  const result = await listCampaigns(ctx, query);
  const canWrite = can("settings:write");
  const href = (overrides: { status?: CampaignStatus | undefined; page?: number | undefined }) => {
    const next = new URLSearchParams();
    const merged = { status: query.status, page: query.page, ...overrides };
    if (merged.status) next.set("status", merged.status);
    if (merged.page && merged.page !== 1) next.set("page", String(merged.page));
    const qs = next.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const saved = first(raw.saved);

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Time-boxed point multipliers, per channel or for all, optionally for one segment. Times are in UTC."
        actions={
          canWrite ? (
            <ButtonLink href={`${base}/new`} icon={<PlusIcon />}>
              New campaign
            </ButtonLink>
          ) : undefined
        }
      />
      {saved && (
        <Alert tone="success" role="status" className="mb-4">
          {saved === "created" ? "Campaign created." : "Changes saved."}
        </Alert>
      )}
      {!parsed.success && (
        <Alert tone="warning" className="mb-4">
          Some filters in the address were not valid and were ignored.
        </Alert>
      )}
      <nav aria-label="Filter by status" className="mb-4 flex flex-wrap gap-1.5">
        {([undefined, ...CAMPAIGN_STATUSES] as (CampaignStatus | undefined)[]).map((status) => (
          <Link
            key={status ?? "all"}
            href={href({ status, page: undefined })}
            aria-current={query.status === status ? "page" : undefined}
            className={cn(
              "rounded-full px-3 py-1 text-sm ring-1 ring-inset",
              query.status === status ? "bg-brand-50 font-medium text-brand-800 ring-brand-600/30" : "text-fg-muted ring-line hover:bg-surface-muted",
            )}
          >
            {status ? STATUS_LABELS[status] : "All"}
          </Link>
        ))}
      </nav>
      {result.total === 0 ? (
        <EmptyState
          icon={<MegaphoneIcon />}
          title={query.status ? `No ${STATUS_LABELS[query.status].toLowerCase()} campaigns` : "No campaigns yet"}
          description={
            query.status
              ? "Try another filter."
              : "A campaign multiplies the points customers earn inside its window, for example ×2 on X during a product launch."
          }
          action={canWrite && !query.status ? <ButtonLink href={`${base}/new`}>New campaign</ButtonLink> : undefined}
        />
      ) : (
        <>
          <CampaignsTable campaigns={result.items} tenantSlug={slug} canEdit={canWrite} />
          <Pagination
            className="mt-4"
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            hrefForPage={(page) => href({ page })}
            noun="campaigns"
          />
        </>
      )}
      {!canWrite && <p className="mt-4 text-sm text-fg-muted">Only admins and the owner can create or change campaigns.</p>}
    </>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
