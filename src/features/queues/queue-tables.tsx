import { Badge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import type { ActionState } from "@/server/http/action-state";
import type { FailedJobDto, QueueState, QueueSummaryDto } from "@/server/modules/queue-monitor/queue-monitor.schemas";
import { RetryJobForm } from "./retry-job-form";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const number = new Intl.NumberFormat("en");
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** `states`: the columns, in order (QUEUE_STATES from the schemas, passed in by the page). */
export function QueueCountsTable({ queues, states }: { queues: QueueSummaryDto[]; states: readonly QueueState[] }) {
  return (
    <DataTable
      caption="Jobs per queue and state"
      rowKey={(q) => q.name}
      rows={queues}
      columns={[
        {
          key: "name",
          header: "Queue",
          rowHeader: true,
          cell: (q) => (
            <span className="flex items-center gap-2 font-medium">
              {q.name}
              {q.paused && <Badge tone="warning">Paused</Badge>}
            </span>
          ),
        },
        ...states.map((state) => ({
          key: state,
          header: state.charAt(0).toUpperCase() + state.slice(1),
          align: "right" as const,
          cell: (q: QueueSummaryDto) => (
            <span className={`tabular-nums ${state === "failed" && q.counts.failed > 0 ? "font-semibold text-red-700" : ""}`}>{number.format(q.counts[state])}</span>
          ),
        })),
      ]}
    />
  );
}

export function FailedJobsTable({ jobs, tenantSlug, retryAction }: { jobs: FailedJobDto[]; tenantSlug: string; retryAction: Action }) {
  return (
    <DataTable
      caption="Latest failed jobs"
      rowKey={(j) => `${j.queue}/${j.id}`}
      rows={jobs}
      columns={[
        {
          key: "job",
          header: "Job",
          rowHeader: true,
          cell: (j) => (
            <span className="flex flex-col">
              <span className="font-medium">{j.name}</span>
              <span className="font-mono text-xs break-all text-fg-subtle">
                {j.queue} · {j.id}
              </span>
            </span>
          ),
        },
        { key: "reason", header: "Reason", cell: (j) => <span className="text-sm break-words">{j.failedReason}</span> },
        { key: "attempts", header: "Attempts", align: "right", hideBelow: "md", cell: (j) => <span className="tabular-nums">{j.attemptsMade}</span> },
        { key: "failed", header: "Failed at (UTC)", hideBelow: "lg", cell: (j) => (j.finishedOn ? dateTime.format(new Date(j.finishedOn)) : "—") },
        {
          key: "retry",
          header: <span className="sr-only">Actions</span>,
          align: "right",
          cell: (j) => <RetryJobForm tenantSlug={tenantSlug} queue={j.queue} jobId={j.id} name={j.name} action={retryAction} />,
        },
      ]}
    />
  );
}
