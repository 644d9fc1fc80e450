import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { RedemptionListItem, RedemptionStatus } from "@/server/modules/rewards/reward.schemas";
import { formatUtc } from "../campaigns/campaign-labels";
import type { FormAction } from "../forms/remembered";
import { RedemptionActions } from "./redemption-actions";
import { formatPoints, REDEMPTION_STATUS_LABELS, REDEMPTION_STATUS_TONES } from "./reward-labels";

export function RedemptionsTable({
  redemptions,
  tenantSlug,
  filter,
  canFulfil,
  canCancel,
  fulfilAction,
  cancelAction,
}: {
  redemptions: RedemptionListItem[];
  tenantSlug: string;
  filter: RedemptionStatus | undefined;
  canFulfil: boolean;
  canCancel: boolean;
  fulfilAction: FormAction;
  cancelAction: FormAction;
}) {
  const columns: DataTableColumn<RedemptionListItem>[] = [
    {
      key: "reward",
      header: "Reward",
      rowHeader: true,
      cell: (r) => (
        <div className="space-y-0.5">
          <span className="font-medium text-fg">{r.rewardName}</span>
          <p className="text-xs text-fg-muted">{r.customerName}</p>
          {r.code && <p className="font-mono text-xs text-fg-subtle">{r.code}</p>}
        </div>
      ),
    },
    { key: "cost", header: "Points", align: "right", hideBelow: "sm", cell: (r) => formatPoints(r.cost) },
    { key: "when", header: "Redeemed", hideBelow: "md", cell: (r) => formatUtc(r.createdAt) },
    {
      key: "status",
      header: "Status",
      cell: (r) => (
        <div className="space-y-1">
          <Badge tone={REDEMPTION_STATUS_TONES[r.status]} dot>
            {REDEMPTION_STATUS_LABELS[r.status]}
          </Badge>
          {r.cancelReason && <p className="text-xs text-fg-muted">“{r.cancelReason}”</p>}
        </div>
      ),
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (r) => (
        <RedemptionActions
          tenantSlug={tenantSlug}
          redemptionId={r.id}
          status={r.status}
          filter={filter}
          canFulfil={canFulfil}
          canCancel={canCancel}
          fulfilAction={fulfilAction}
          cancelAction={cancelAction}
        />
      ),
    },
  ];
  return <DataTable caption="Redemptions" columns={columns} rows={redemptions} rowKey={(r) => r.id} empty="No redemptions match." />;
}
