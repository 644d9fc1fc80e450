import Link from "next/link";
import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { PageHeader } from "@/components/page-header";
import { cn } from "@/components/cn";
import { RedemptionsTable } from "@/features/rewards/redemptions-table";
import { REDEMPTION_STATUS_LABELS } from "@/features/rewards/reward-labels";
import { requireMember } from "@/server/http/require-member";
import { listRedemptions } from "@/server/modules/rewards/redemption.service";
import { REDEMPTION_STATUSES, type RedemptionStatus } from "@/server/modules/rewards/reward.schemas";
import { cancelRedemptionAction, fulfilRedemptionAction } from "../actions";

export const metadata = { title: "Redemptions" };

const DONE: Record<string, string> = {
  fulfilled: "Redemption marked as fulfilled.",
  "already-fulfilled": "That redemption was already fulfilled; nothing changed.",
  cancelled: "Redemption cancelled: its points were given back with a new ledger entry.",
  "already-cancelled": "That redemption was already cancelled; nothing changed.",
};

export default async function RedemptionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ status?: string; done?: string }>;
}) {
  const { tenant: slug } = await params;
  const { status: rawStatus, done } = await searchParams;
  const base = `/t/${slug}/rewards/redemptions`;
  const { ctx, can } = await requireMember(slug, base);
  const status = REDEMPTION_STATUSES.find<RedemptionStatus>((s): s is RedemptionStatus => s === rawStatus);
  const redemptions = await listRedemptions(ctx, { status });
  const filters: { label: string; href: string; current: boolean }[] = [
    { label: "All", href: base, current: !status },
    ...REDEMPTION_STATUSES.map((s) => ({ label: REDEMPTION_STATUS_LABELS[s], href: `${base}?status=${s}`, current: status === s })),
  ];
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/rewards`} className="hover:underline">
            Rewards
          </Link>
        }
        title="Redemptions"
        description="Newest first. Hand over pending ones and mark them fulfilled; cancelling gives the customer the points back with a new ledger entry."
        actions={
          <ButtonLink
            href={`/api/v1/tenants/${encodeURIComponent(slug)}/redemptions/export${status ? `?status=${status}` : ""}`}
            variant="secondary"
            prefetch={false}
            download
          >
            Export CSV
          </ButtonLink>
        }
      />
      {done && DONE[done] && (
        <Alert tone="success" role="status" className="mb-4">
          {DONE[done]}
        </Alert>
      )}
      <nav aria-label="Filter by status" className="mb-4 flex flex-wrap gap-2">
        {filters.map((f) => (
          <Link
            key={f.label}
            href={f.href}
            aria-current={f.current ? "page" : undefined}
            className={cn(
              "rounded-full border px-3 py-1 text-sm",
              f.current ? "border-brand-600 bg-brand-50 text-brand-800" : "border-line text-fg-muted hover:text-fg",
            )}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      <RedemptionsTable
        redemptions={redemptions}
        tenantSlug={slug}
        filter={status}
        canFulfil={can("rewards:manage")}
        canCancel={can("rewards:manage") && can("ledger:adjust")}
        fulfilAction={fulfilRedemptionAction}
        cancelAction={cancelRedemptionAction}
      />
      {redemptions.length === 100 && <p className="mt-3 text-sm text-fg-muted">Showing the newest 100.</p>}
    </>
  );
}
