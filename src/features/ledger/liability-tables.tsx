import { DataTable } from "@/components/data-table";
import type { LiabilityByRef, LiabilityDay } from "@/server/modules/ledger/brand-ledger.schemas";
import { pointsFormat } from "./ledger-words";

const n = (v: number) => pointsFormat.format(v);

/** The chart's figures as a table, newest day first; it scrolls inside its box on a phone. */
export function LiabilityDaysTable({ days }: { days: LiabilityDay[] }) {
  return (
    <DataTable
      caption="Liability per day"
      className="rounded-none border-0 shadow-none"
      rowKey={(d) => d.day}
      rows={[...days].reverse()}
      columns={[
        { key: "day", header: "Day (UTC)", rowHeader: true, cell: (d) => <span className="whitespace-nowrap">{d.day}</span> },
        { key: "earned", header: "Earned", align: "right", cell: (d) => n(d.earned) },
        { key: "redeemed", header: "Redeemed", align: "right", cell: (d) => n(d.redeemed) },
        { key: "expired", header: "Expired", align: "right", cell: (d) => n(d.expired) },
        { key: "reversed", header: "Reversed", align: "right", cell: (d) => n(d.reversed) },
        { key: "other", header: "Other", align: "right", cell: (d) => n(d.other) },
        { key: "outstanding", header: "Outstanding", align: "right", cell: (d) => <span className="font-medium text-fg">{n(d.outstanding)}</span> },
      ]}
    />
  );
}

/** Totals per campaign or per rule; names wrap inside their cell, however long. */
export function LiabilityRefTable({ rows, caption, nameHeader }: { rows: LiabilityByRef[]; caption: string; nameHeader: string }) {
  return (
    <DataTable
      caption={caption}
      className="rounded-none border-0 shadow-none"
      rowKey={(r) => r.id ?? "none"}
      rows={rows}
      empty={<p className="px-5 py-4 text-sm text-fg-muted">No entries in this period.</p>}
      columns={[
        {
          key: "name",
          header: nameHeader,
          rowHeader: true,
          className: "max-w-[16rem] min-w-[8rem]",
          cell: (r) => (
            <span dir="auto" className="line-clamp-3 break-words">
              {r.name}
            </span>
          ),
        },
        { key: "entries", header: "Entries", align: "right", hideBelow: "sm", cell: (r) => n(r.entries) },
        { key: "customers", header: "Customers", align: "right", hideBelow: "md", cell: (r) => n(r.customers) },
        { key: "earned", header: "Earned", align: "right", cell: (r) => n(r.earned) },
        { key: "reversed", header: "Reversed", align: "right", cell: (r) => n(r.reversed) },
        { key: "net", header: "Net", align: "right", cell: (r) => <span className="font-medium text-fg">{n(r.net)}</span> },
      ]}
    />
  );
}
