import { Badge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import type { FailedJobDto, PlatformFailedJobDto, QueueState, QueueSummaryDto } from "@/server/modules/queue-monitor/queue-monitor.schemas";
import { JobActionForm, type JobAction } from "./job-action-form";

const number = new Intl.NumberFormat("en");
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** On a phone the rarer states give way so waiting, delayed and failed fit without scrolling. */
const HIDE_BELOW: Partial<Record<QueueState, "sm" | "md">> = { prioritized: "md", completed: "md", active: "sm" };

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
            <span className="flex flex-wrap items-center gap-2 font-medium">
              {q.name}
              {q.paused && <Badge tone="warning">Paused</Badge>}
            </span>
          ),
        },
        ...states.map((state) => ({
          key: state,
          header: state.charAt(0).toUpperCase() + state.slice(1),
          align: "right" as const,
          hideBelow: HIDE_BELOW[state],
          cell: (q: QueueSummaryDto) => (
            <span data-state={state} className={`tabular-nums ${state === "failed" && q.counts.failed > 0 ? "font-semibold text-red-700" : ""}`}>
              {number.format(q.counts[state])}
              {q.partial && state !== "failed" && state !== "completed" ? "+" : ""}
            </span>
          ),
        })),
      ]}
    />
  );
}

export interface JobActions {
  retry: JobAction;
  discard: JobAction;
  /** Hidden fields every action form carries (e.g. the tenant's slug). */
  fields: Record<string, string>;
}

export function FailedJobsTable({ jobs, actions }: { jobs: (FailedJobDto | PlatformFailedJobDto)[]; actions: JobActions }) {
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
          className: "min-w-40",
          cell: (j) => (
            <span className="flex flex-col gap-0.5">
              <span className="font-medium">{j.name}</span>
              <span className="font-mono text-xs break-all text-fg-subtle">
                {j.queue} · {j.id}
              </span>
              {"tenantId" in j && <span className="font-mono text-xs break-all text-fg-subtle">brand: {j.tenantId ?? "platform"}</span>}
              {j.details.map((d) => (
                <span key={d.label} className="text-xs break-all text-fg-muted">
                  {d.label}: <span className="font-mono">{d.value}</span>
                </span>
              ))}
              {/* On a phone the reason column is hidden: the reason goes under the job instead. */}
              <span className="text-xs font-normal break-words text-fg sm:hidden">{j.failedReason}</span>
            </span>
          ),
        },
        { key: "reason", header: "Reason", hideBelow: "sm", cell: (j) => <span className="text-sm break-words">{j.failedReason}</span> },
        { key: "attempts", header: "Attempts", align: "right", hideBelow: "md", cell: (j) => <span className="tabular-nums">{j.attemptsMade}</span> },
        { key: "failed", header: "Failed at (UTC)", hideBelow: "lg", cell: (j) => (j.finishedOn ? dateTime.format(new Date(j.finishedOn)) : "—") },
        {
          key: "actions",
          header: <span className="sr-only">Actions</span>,
          align: "right",
          cell: (j) => {
            const fields = { ...actions.fields, queue: j.queue, jobId: j.id };
            return (
              <span className="flex flex-col items-end gap-2">
                <JobActionForm
                  action={actions.retry}
                  fields={fields}
                  label="Retry"
                  pendingLabel="Retrying…"
                  accessibleLabel={`Retry ${j.name} job ${j.id}`}
                  variant="secondary"
                />
                <JobActionForm
                  action={actions.discard}
                  fields={fields}
                  label="Discard"
                  pendingLabel="Discarding…"
                  accessibleLabel={`Discard ${j.name} job ${j.id}`}
                  variant="ghost"
                />
              </span>
            );
          },
        },
      ]}
    />
  );
}
