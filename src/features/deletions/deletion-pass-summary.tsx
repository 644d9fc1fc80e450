import { Badge } from "@/components/badge";
import type { DeletionChecksDto } from "@/server/pipeline/deletions/deletion.schemas";
import { count, OUTCOME_LABELS, OUTCOME_TONES, triggerLabel, when } from "./deletion-labels";

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="text-lg font-semibold text-fg tabular-nums">{value}</dd>
    </div>
  );
}

/** Where the deletion checks of one network stand: now, and what the last pass found. */
export function DeletionPassSummary({ checks }: { checks: DeletionChecksDto }) {
  const due = checks.due > checks.dueCap ? `${count(checks.dueCap)}+` : count(checks.due);
  const last = checks.lastPass;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
        {checks.running ? (
          <Badge tone="info" dot>
            Pass running since <time dateTime={checks.running.startedAt.toISOString()}>{when(checks.running.startedAt)}</time>
          </Badge>
        ) : checks.queued ? (
          <Badge tone="info" dot>
            Pass queued
          </Badge>
        ) : (
          <Badge tone="neutral">No pass running</Badge>
        )}
        <span className="text-fg-muted">
          <span data-testid="due-now">{due}</span> {checks.due === 1 ? "mention is" : "mentions are"} due for a check now.
        </span>
      </div>
      <section aria-labelledby={`last-pass-${checks.network}`}>
        <h3 id={`last-pass-${checks.network}`} className="text-sm font-semibold text-fg">
          Last pass
        </h3>
        {last ? (
          <div className="mt-2 space-y-3">
            <p className="flex flex-wrap items-center gap-2 text-sm text-fg-muted">
              <span>
                Finished <time dateTime={last.finishedAt.toISOString()}>{when(last.finishedAt)}</time> · {triggerLabel(last.trigger)}
              </span>
              <Badge tone={OUTCOME_TONES[last.outcome]}>{OUTCOME_LABELS[last.outcome]}</Badge>
            </p>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
              <Figure label="Checked" value={count(last.checked)} />
              <Figure label="Deleted" value={count(last.deleted)} />
              <Figure label="Reversed" value={count(last.reversed)} />
              <Figure label="Points taken back" value={count(last.pointsTakenBack)} />
              <Figure label="Carried over" value={count(last.carriedOver)} />
            </dl>
            {last.error && <p className="text-xs break-words text-fg-muted">{last.error}</p>}
          </div>
        ) : (
          <p className="mt-1 text-sm text-fg-muted">No pass has run yet.</p>
        )}
      </section>
      {checks.allowance && (
        <p className="text-xs text-fg-muted">
          Post lookups left in the network&apos;s current window: {count(checks.allowance.remaining)}
          {checks.allowance.limit ? ` of ${count(checks.allowance.limit)}` : ""}, until{" "}
          <time dateTime={checks.allowance.resetAt.toISOString()}>{when(checks.allowance.resetAt)}</time>. A pass spends at most a share of what is left.
        </p>
      )}
    </div>
  );
}
