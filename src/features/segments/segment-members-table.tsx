import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { SegmentMemberDto } from "@/server/modules/segments/segment.schemas";
import { SENTIMENT_LABELS, SENTIMENT_TONES } from "../customers/sentiment-labels";
import { STAGE_LABELS, STAGE_TONES } from "../customers/stage-labels";
import { formatCount } from "./segment-labels";

export function SegmentMembersTable({ members, tenantSlug }: { members: SegmentMemberDto[]; tenantSlug: string }) {
  const columns: DataTableColumn<SegmentMemberDto>[] = [
    {
      key: "name",
      header: "Customer",
      rowHeader: true,
      cell: (m) => (
        <Link href={`/t/${tenantSlug}/customers/${m.id}`} className="font-medium text-fg hover:text-brand-700 hover:underline">
          {m.displayName}
        </Link>
      ),
    },
    { key: "stage", header: "Stage", cell: (m) => <Badge tone={STAGE_TONES[m.lifecycleStage]}>{STAGE_LABELS[m.lifecycleStage]}</Badge> },
    {
      key: "sentiment",
      header: "Sentiment",
      cell: (m) =>
        m.sentimentLabel ? (
          <Badge tone={SENTIMENT_TONES[m.sentimentLabel]}>{SENTIMENT_LABELS[m.sentimentLabel]}</Badge>
        ) : (
          <span className="text-fg-subtle">—</span>
        ),
    },
    { key: "followers", header: "Followers", align: "right", hideBelow: "sm", cell: (m) => formatCount(m.followers) },
    { key: "points", header: "Points", align: "right", cell: (m) => formatCount(m.points) },
    { key: "earned", header: "Earned", align: "right", hideBelow: "md", cell: (m) => formatCount(m.lifetimeEarned) },
  ];
  return <DataTable caption="Segment members" columns={columns} rows={members} rowKey={(m) => m.id} />;
}
