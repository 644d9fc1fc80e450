import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { CheckinPollingDto } from "@/server/pipeline/checkins/checkin-status.schemas";
import { SYNC_LABELS, SYNC_TONES } from "./labels";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (iso: string | null) => (iso ? `${dateTime.format(new Date(iso))} UTC` : null);

/** Linked Foursquare accounts and where polling their check-ins stands. */
export function CheckinPollingTable({ profiles, tenantSlug }: { profiles: CheckinPollingDto[]; tenantSlug: string }) {
  const columns: DataTableColumn<CheckinPollingDto>[] = [
    {
      key: "account",
      header: "Account",
      rowHeader: true,
      cell: (p) => (
        <span className="flex flex-col">
          <span className="font-medium break-all text-fg">{p.name}</span>
          {p.customerId && p.customerName ? (
            <Link href={`/t/${tenantSlug}/customers/${p.customerId}`} className="text-xs text-fg-subtle hover:underline">
              {p.customerName}
            </Link>
          ) : (
            <span className="text-xs text-fg-subtle">Foursquare user {p.externalUserId}</span>
          )}
        </span>
      ),
    },
    {
      key: "status",
      header: "Polling",
      cell: (p) =>
        p.profileStatus === "ACTIVE" ? (
          <span className="flex flex-col items-start gap-1">
            <Badge tone={SYNC_TONES[p.syncStatus]} dot>
              {SYNC_LABELS[p.syncStatus]}
            </Badge>
            {p.lastError && p.syncStatus !== "OK" && <span className="max-w-64 text-xs break-words text-fg-muted">{p.lastError}</span>}
          </span>
        ) : (
          <span className="flex flex-col items-start gap-1">
            <Badge tone="danger" dot>
              Customer must link again
            </Badge>
            {p.lastError && <span className="max-w-64 text-xs break-words text-fg-muted">{p.lastError}</span>}
          </span>
        ),
    },
    { key: "last", header: "Last poll", hideBelow: "md", cell: (p) => when(p.lastRunAt) ?? "Never" },
    {
      key: "next",
      header: "Next poll",
      hideBelow: "md",
      cell: (p) => (p.profileStatus !== "ACTIVE" ? "After the customer links again" : (when(p.nextRunAt) ?? "As soon as possible")),
    },
    { key: "cursor", header: "Newest check-in seen", hideBelow: "lg", cell: (p) => when(p.cursor) ?? "None yet" },
    {
      key: "throttled",
      header: "Rate limited",
      hideBelow: "lg",
      align: "right",
      cell: (p) => <span className="tabular-nums">{p.throttleCount === 0 ? "—" : `${p.throttleCount}×`}</span>,
    },
  ];
  return <DataTable caption="Linked Foursquare accounts" columns={columns} rows={profiles} rowKey={(p) => p.profileId} />;
}
