import { Card } from "@/components/card";
import type { StageChangeDto } from "@/server/modules/advocates/stage-rule.schemas";
import { STAGE_LABELS } from "../customers/stage-labels";
import { RULE_LABELS } from "./labels";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The customer's latest stage moves on the 360: from, to, when, and by which rule or a person. */
export function StageHistoryCard({ changes }: { changes: StageChangeDto[] }) {
  return (
    <Card title="Stage history">
      {changes.length === 0 ? (
        <p className="text-sm text-fg-muted">No stage changes yet.</p>
      ) : (
        <ol className="space-y-2 text-sm" data-testid="stage-history">
          {changes.map((c) => (
            <li key={c.id} className="flex flex-wrap justify-between gap-x-3" data-testid="stage-change">
              <span>
                {STAGE_LABELS[c.fromStage]} → <strong>{STAGE_LABELS[c.toStage]}</strong>
                <span className="text-fg-muted"> · {c.source === "MANUAL" ? "set by a person" : (RULE_LABELS[c.rule ?? ""] ?? "rule")}</span>
              </span>
              <time dateTime={c.createdAt} className="text-fg-subtle">
                {dateFormat.format(new Date(c.createdAt))} UTC
              </time>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
