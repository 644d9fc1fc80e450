import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { SegmentListItem } from "@/server/modules/segments/segment.schemas";
import { describeFilter, formatCount } from "./segment-labels";

export function SegmentsTable({ segments, tenantSlug }: { segments: SegmentListItem[]; tenantSlug: string }) {
  const columns: DataTableColumn<SegmentListItem>[] = [
    {
      key: "name",
      header: "Name",
      rowHeader: true,
      cell: (s) => (
        <Link href={`/t/${tenantSlug}/segments/${s.id}`} className="font-medium text-fg hover:text-brand-700 hover:underline">
          {s.name}
        </Link>
      ),
    },
    { key: "conditions", header: "Conditions", cell: (s) => describeFilter(s.filter, s.tierName).join(" · ") },
    { key: "members", header: "Members", align: "right", cell: (s) => formatCount(s.memberCount) },
    {
      key: "campaigns",
      header: "Targeted by",
      hideBelow: "md",
      cell: (s) => (s.campaigns.length ? s.campaigns.map((c) => c.name).join(", ") : <span className="text-fg-subtle">—</span>),
    },
  ];
  return <DataTable caption="Segments" columns={columns} rows={segments} rowKey={(s) => s.id} />;
}
