import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { CustomerDto } from "@/server/modules/customers/customer.schemas";
import { SENTIMENT_LABELS, SENTIMENT_TONES } from "./sentiment-labels";
import { STAGE_LABELS, STAGE_TONES } from "./stage-labels";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function CustomersTable({ customers, tenantSlug }: { customers: CustomerDto[]; tenantSlug: string }) {
  const columns: DataTableColumn<CustomerDto>[] = [
    {
      key: "name",
      header: "Name",
      rowHeader: true,
      cell: (c) => (
        <Link href={`/t/${tenantSlug}/customers/${c.id}`} className="font-medium text-fg hover:text-brand-700 hover:underline">
          {c.displayName}
        </Link>
      ),
    },
    { key: "email", header: "Primary email", cell: (c) => c.emails[0]?.email ?? "—" },
    { key: "stage", header: "Stage", cell: (c) => <Badge tone={STAGE_TONES[c.lifecycleStage]}>{STAGE_LABELS[c.lifecycleStage]}</Badge> },
    {
      key: "sentiment",
      header: "Sentiment",
      cell: (c) =>
        c.sentimentLabel ? (
          <Badge tone={SENTIMENT_TONES[c.sentimentLabel]}>{SENTIMENT_LABELS[c.sentimentLabel]}</Badge>
        ) : (
          <span className="text-fg-subtle">—</span>
        ),
    },
    { key: "phone", header: "Phone", hideBelow: "md", cell: (c) => c.phone ?? "—" },
    { key: "added", header: "Added", hideBelow: "lg", cell: (c) => dateFormat.format(new Date(c.createdAt)) },
  ];
  return <DataTable caption="Customers" columns={columns} rows={customers} rowKey={(c) => c.id} />;
}
