import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { AdvocateRow } from "@/server/modules/advocates/advocates.schemas";
import { STAGE_LABELS, STAGE_TONES } from "../customers/stage-labels";
import { NPS_LABELS, NPS_TONES } from "./labels";

const n = (value: number) => value.toLocaleString("en-US");
const score = (value: number) => value.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const nameLink = (tenantSlug: string, row: AdvocateRow, className: string) => (
  <Link href={`/t/${tenantSlug}/customers/${row.customerId}`} className={className} title={row.displayName.slice(0, 300)}>
    {row.displayName}
  </Link>
);

const nps = (row: AdvocateRow) =>
  row.npsClass ? <Badge tone={NPS_TONES[row.npsClass]}>{NPS_LABELS[row.npsClass]}</Badge> : <span className="text-fg-subtle">—</span>;

/** The ranked customers: a table from a small tablet up, one card per customer on a phone. */
export function AdvocateLeaderboardList({ rows, tenantSlug }: { rows: AdvocateRow[]; tenantSlug: string }) {
  const columns: DataTableColumn<AdvocateRow>[] = [
    { key: "rank", header: "#", align: "right", cell: (r) => <span className="tabular-nums">{r.rank}</span> },
    {
      key: "name",
      header: "Customer",
      rowHeader: true,
      cell: (r) => nameLink(tenantSlug, r, "block max-w-[16rem] truncate font-medium text-fg hover:text-brand-700 hover:underline"),
    },
    { key: "stage", header: "Stage", hideBelow: "md", cell: (r) => <Badge tone={STAGE_TONES[r.lifecycleStage]}>{STAGE_LABELS[r.lifecycleStage]}</Badge> },
    { key: "score", header: "Score", align: "right", cell: (r) => <span className="tabular-nums">{score(r.score)}</span> },
    { key: "reach", header: "Reach", align: "right", cell: (r) => <span className="tabular-nums">{n(r.reach)}</span> },
    { key: "points", header: "Points earned", align: "right", cell: (r) => <span className="tabular-nums">{n(r.points)}</span> },
    { key: "positive", header: "Positive mentions", align: "right", cell: (r) => <span className="tabular-nums">{n(r.positiveMentions)}</span> },
    { key: "nps", header: "NPS", cell: nps },
  ];
  return (
    <>
      <DataTable className="hidden sm:block" caption="Advocate leaderboard" columns={columns} rows={rows} rowKey={(r) => r.customerId} />
      <ol className="space-y-3 sm:hidden" aria-label="Advocate leaderboard" data-testid="advocate-cards">
        {rows.map((r) => (
          <li key={r.customerId} className="min-w-0 rounded-card border border-line bg-surface p-4 shadow-card" data-testid="advocate-card">
            <div className="flex min-w-0 items-baseline gap-2">
              <span className="shrink-0 text-sm text-fg-subtle tabular-nums">#{r.rank}</span>
              {nameLink(tenantSlug, r, "block min-w-0 truncate font-medium text-fg hover:text-brand-700 hover:underline")}
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              <dt className="text-fg-subtle">Score</dt>
              <dd className="text-right tabular-nums" data-testid="card-score">
                {score(r.score)}
              </dd>
              <dt className="text-fg-subtle">Reach</dt>
              <dd className="text-right tabular-nums">{n(r.reach)}</dd>
              <dt className="text-fg-subtle">Points earned</dt>
              <dd className="text-right tabular-nums">{n(r.points)}</dd>
              <dt className="text-fg-subtle">Positive mentions</dt>
              <dd className="text-right tabular-nums">{n(r.positiveMentions)}</dd>
              <dt className="text-fg-subtle">Stage</dt>
              <dd className="text-right">{STAGE_LABELS[r.lifecycleStage]}</dd>
              <dt className="text-fg-subtle">NPS</dt>
              <dd className="text-right">{r.npsClass ? NPS_LABELS[r.npsClass] : "—"}</dd>
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}
