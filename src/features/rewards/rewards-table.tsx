import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { RewardListItem } from "@/server/modules/rewards/reward.schemas";
import { RewardThumbnail } from "./reward-picture-field";
import { describeStock, describeWindow, formatPoints, FULFILMENT_LABELS, REWARD_STATE_LABELS, REWARD_STATE_TONES, rewardState } from "./reward-labels";

export function RewardsTable({ rewards, tenantSlug, canManage, now }: { rewards: RewardListItem[]; tenantSlug: string; canManage: boolean; now: Date }) {
  const columns: DataTableColumn<RewardListItem>[] = [
    {
      key: "name",
      header: "Reward",
      rowHeader: true,
      cell: (r) => (
        <div className="flex items-center gap-3">
          <RewardThumbnail name={r.name} url={r.pictureUrl} />
          <div className="min-w-0 space-y-0.5">
            {canManage && !r.archivedAt ? (
              <Link href={`/t/${tenantSlug}/rewards/${r.id}/edit`} className="font-medium text-fg hover:text-brand-700 hover:underline">
                {r.name}
              </Link>
            ) : (
              <span className="font-medium text-fg">{r.name}</span>
            )}
            <p className="text-xs text-fg-subtle">{FULFILMENT_LABELS[r.fulfilment]}</p>
          </div>
        </div>
      ),
    },
    { key: "cost", header: "Cost", align: "right", cell: (r) => formatPoints(r.cost) },
    { key: "stock", header: "Stock", align: "right", cell: (r) => describeStock(r) },
    {
      key: "redeemed",
      header: "Redeemed",
      align: "right",
      cell: (r) => (
        <span>
          {r.redeemedCount.toLocaleString("en-US")}
          {r.pendingCount > 0 && <span className="block text-xs text-amber-800">{r.pendingCount.toLocaleString("en-US")} pending</span>}
        </span>
      ),
    },
    {
      key: "limits",
      header: "When and how often",
      hideBelow: "md",
      cell: (r) => (
        <span className="text-sm">
          {describeWindow(r)}
          <span className="block text-xs text-fg-subtle">
            {r.perCustomerLimit === null ? "No limit per customer" : `At most ${r.perCustomerLimit} per customer`}
          </span>
        </span>
      ),
    },
    {
      key: "state",
      header: "Status",
      cell: (r) => {
        const state = rewardState(r, now);
        return (
          <Badge tone={REWARD_STATE_TONES[state]} dot>
            {REWARD_STATE_LABELS[state]}
          </Badge>
        );
      },
    },
  ];
  return <DataTable caption="Reward catalogue" columns={columns} rows={rewards} rowKey={(r) => r.id} />;
}
