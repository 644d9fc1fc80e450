import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { CustomerListRow } from "@/server/modules/customers/customer-list";
import type { CustomerSort } from "@/server/modules/customers/customer.schemas";
import { SENTIMENT_LABELS, SENTIMENT_TONES } from "./sentiment-labels";
import { STAGE_LABELS, STAGE_TONES } from "./stage-labels";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const NPS = { PROMOTER: "Promoter", PASSIVE: "Passive", DETRACTOR: "Detractor" } as const;
const NPS_TONES = { PROMOTER: "success", PASSIVE: "neutral", DETRACTOR: "danger" } as const;
const n = (value: number) => value.toLocaleString("en-US");
const date = (iso: string | null) => (iso ? dateFormat.format(new Date(iso)) : "—");

export interface CustomerSorting {
  sort: CustomerSort;
  dir: "asc" | "desc";
  /** The list's URL sorted by a column (the same column again flips the direction). */
  hrefFor: (sort: CustomerSort, dir?: "asc" | "desc") => string;
}

function SortHeader({ label, column, sorting }: { label: string; column: CustomerSort; sorting: CustomerSorting }) {
  const active = sorting.sort === column;
  const href = active ? sorting.hrefFor(column, sorting.dir === "asc" ? "desc" : "asc") : sorting.hrefFor(column);
  return (
    <Link href={href} className="inline-flex items-center gap-1 hover:text-fg" data-testid={`sort-${column}`}>
      {label}
      <span aria-hidden="true">{active ? (sorting.dir === "asc" ? "▲" : "▼") : ""}</span>
    </Link>
  );
}

const nameLink = (tenantSlug: string, row: CustomerListRow, className: string) => (
  <Link href={`/t/${tenantSlug}/customers/${row.customer.id}`} className={className} title={row.customer.displayName.slice(0, 300)}>
    {row.customer.displayName}
  </Link>
);

const nps = (row: CustomerListRow) =>
  row.npsClass ? <Badge tone={NPS_TONES[row.npsClass]}>{NPS[row.npsClass]}</Badge> : <span className="text-fg-subtle">—</span>;

/** The customers list: a sortable table from a small tablet up, one card per customer on a phone. */
export function CustomersTable({ rows, tenantSlug, sorting }: { rows: CustomerListRow[]; tenantSlug: string; sorting: CustomerSorting }) {
  const sortable = (column: CustomerSort, label: string) => ({
    header: <SortHeader label={label} column={column} sorting={sorting} />,
    sorted: sorting.sort === column ? (sorting.dir === "asc" ? ("ascending" as const) : ("descending" as const)) : undefined,
  });
  const columns: DataTableColumn<CustomerListRow>[] = [
    {
      key: "name",
      ...sortable("name", "Name"),
      rowHeader: true,
      cell: (r) => nameLink(tenantSlug, r, "block max-w-[16rem] truncate font-medium text-fg hover:text-brand-700 hover:underline"),
    },
    {
      key: "email",
      ...sortable("email", "Primary email"),
      hideBelow: "lg",
      cell: (r) => <span className="block max-w-[14rem] truncate">{r.customer.emails[0]?.email ?? "—"}</span>,
    },
    { key: "points", ...sortable("points", "Points"), align: "right", cell: (r) => <span className="tabular-nums">{n(r.points)}</span> },
    { key: "tier", ...sortable("tier", "Tier"), cell: (r) => <span className="block max-w-[8rem] truncate">{r.tier ?? "—"}</span> },
    {
      key: "stage",
      ...sortable("stage", "Stage"),
      cell: (r) => <Badge tone={STAGE_TONES[r.customer.lifecycleStage]}>{STAGE_LABELS[r.customer.lifecycleStage]}</Badge>,
    },
    {
      key: "sentiment",
      ...sortable("sentiment", "Sentiment"),
      hideBelow: "md",
      cell: (r) =>
        r.customer.sentimentLabel ? (
          <Badge tone={SENTIMENT_TONES[r.customer.sentimentLabel]}>{SENTIMENT_LABELS[r.customer.sentimentLabel]}</Badge>
        ) : (
          <span className="text-fg-subtle">—</span>
        ),
    },
    { key: "nps", ...sortable("nps", "NPS"), cell: nps },
    { key: "activity", ...sortable("activity", "Last activity"), cell: (r) => <span className="whitespace-nowrap">{date(r.lastActivityAt)}</span> },
    { key: "added", ...sortable("added", "Added"), hideBelow: "lg", cell: (r) => <span className="whitespace-nowrap">{date(r.customer.createdAt)}</span> },
  ];
  return (
    <>
      <DataTable className="hidden sm:block" caption="Customers" columns={columns} rows={rows} rowKey={(r) => r.customer.id} />
      <ul className="space-y-3 sm:hidden" aria-label="Customers" data-testid="customer-cards">
        {rows.map((r) => (
          <li key={r.customer.id} className="min-w-0 rounded-card border border-line bg-surface p-4 shadow-card" data-testid="customer-card">
            {nameLink(tenantSlug, r, "block truncate font-medium text-fg hover:text-brand-700 hover:underline")}
            <p className="truncate text-sm text-fg-muted">{r.customer.emails[0]?.email ?? "—"}</p>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              <dt className="text-fg-subtle">Points</dt>
              <dd className="text-right tabular-nums">{n(r.points)}</dd>
              <dt className="text-fg-subtle">Tier</dt>
              <dd className="truncate text-right">{r.tier ?? "—"}</dd>
              <dt className="text-fg-subtle">Stage</dt>
              <dd className="text-right">{STAGE_LABELS[r.customer.lifecycleStage]}</dd>
              <dt className="text-fg-subtle">NPS</dt>
              <dd className="text-right">{r.npsClass ? NPS[r.npsClass] : "—"}</dd>
              <dt className="text-fg-subtle">Last activity</dt>
              <dd className="text-right">{date(r.lastActivityAt)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
