import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { CampaignDto } from "@/server/modules/campaigns/campaign.schemas";
import { formatUtc, networkLabel, STATUS_LABELS, STATUS_TONES } from "./campaign-labels";

export function CampaignsTable({ campaigns, tenantSlug, canEdit }: { campaigns: CampaignDto[]; tenantSlug: string; canEdit: boolean }) {
  const columns: DataTableColumn<CampaignDto>[] = [
    {
      key: "name",
      header: "Name",
      rowHeader: true,
      cell: (c) =>
        canEdit ? (
          <Link href={`/t/${tenantSlug}/campaigns/${c.id}/edit`} className="font-medium text-fg hover:text-brand-700 hover:underline">
            {c.name}
          </Link>
        ) : (
          c.name
        ),
    },
    {
      key: "status",
      header: "Status",
      cell: (c) => (
        <Badge tone={STATUS_TONES[c.status]} dot>
          {STATUS_LABELS[c.status]}
        </Badge>
      ),
    },
    { key: "multiplier", header: "Multiplier", align: "right", cell: (c) => `×${c.multiplier}` },
    { key: "network", header: "Network", className: "whitespace-nowrap", cell: (c) => networkLabel(c.network) },
    {
      key: "window",
      header: "Window",
      hideBelow: "md",
      cell: (c) => (
        <span className="whitespace-nowrap">
          {formatUtc(c.startsAt)} → {formatUtc(c.endsAt)}
        </span>
      ),
    },
    { key: "segment", header: "Segment", hideBelow: "lg", cell: (c) => c.segment?.name ?? "Every customer" },
  ];
  return <DataTable caption="Campaigns" columns={columns} rows={campaigns} rowKey={(c) => c.id} />;
}
