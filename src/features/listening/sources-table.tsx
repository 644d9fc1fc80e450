import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { ActionState } from "@/server/http/action-state";
import type { ListeningSourceDto } from "@/server/modules/listening/source.schemas";
import { KIND_LABELS, NETWORK_LABELS, SYNC_LABELS, SYNC_TONES } from "./labels";
import { SourceRowActions } from "./source-row-actions";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (iso: string | null) => (iso ? `${dateTime.format(new Date(iso))} UTC` : null);

export function SourcesTable({
  sources,
  mentionCounts,
  tenantSlug,
  actions,
}: {
  sources: ListeningSourceDto[];
  /** Stored mentions per source id; a post that matched two sources counts under each. */
  mentionCounts: ReadonlyMap<string, number>;
  tenantSlug: string;
  /** Present only for members who may change settings. */
  actions?: { toggle: Action; remove: Action };
}) {
  const columns: DataTableColumn<ListeningSourceDto>[] = [
    {
      key: "value",
      header: "Tracking",
      rowHeader: true,
      cell: (s) => (
        <span className="flex flex-col">
          <span className="font-medium break-all text-fg">{s.value}</span>
          <span className="text-xs text-fg-subtle">
            {NETWORK_LABELS[s.network]} {KIND_LABELS[s.kind].toLowerCase()}
          </span>
        </span>
      ),
    },
    {
      key: "status",
      header: "Status",
      cell: (s) => (
        <span className="flex flex-col items-start gap-1">
          <Badge tone={SYNC_TONES[s.sync.status]} dot>
            {SYNC_LABELS[s.sync.status]}
          </Badge>
          {s.sync.lastError && s.sync.status !== "OK" && <span className="max-w-64 text-xs break-words text-fg-muted">{s.sync.lastError}</span>}
        </span>
      ),
    },
    {
      key: "mentions",
      header: "Mentions",
      align: "right",
      cell: (s) => <span className="tabular-nums">{(mentionCounts.get(s.id) ?? 0).toLocaleString("en")}</span>,
    },
    { key: "last", header: "Last run", hideBelow: "md", cell: (s) => when(s.sync.lastRunAt) ?? "Never" },
    {
      key: "next",
      header: "Next run",
      hideBelow: "md",
      cell: (s) => (!s.enabled ? "—" : s.sync.status === "NEEDS_RECONNECT" ? "After reconnecting" : (when(s.sync.nextRunAt) ?? "As soon as possible")),
    },
    {
      key: "throttled",
      header: "Rate limited",
      hideBelow: "lg",
      align: "right",
      cell: (s) => <span className="tabular-nums">{s.sync.throttleCount === 0 ? "—" : `${s.sync.throttleCount}×`}</span>,
    },
    { key: "cursor", header: "Position", hideBelow: "lg", cell: (s) => (s.sync.hasCursor ? "Saved" : "From the start") },
  ];
  if (actions) {
    columns.push({
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (s) => (
        <SourceRowActions
          tenantSlug={tenantSlug}
          sourceId={s.id}
          label={s.value}
          enabled={s.enabled}
          toggleAction={actions.toggle}
          deleteAction={actions.remove}
        />
      ),
    });
  }
  return <DataTable caption="Listening sources" columns={columns} rows={sources} rowKey={(s) => s.id} />;
}
