import { Card } from "@/components/card";
import type { MergePreviewDto, MergeSide } from "@/server/modules/customers/customer-merge.schemas";

const points = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "point" : "points"}`;

const FIELD_LABELS: Record<string, string> = {
  phone: "Phone",
  externalId: "External id",
  notes: "Notes",
  leaderboardName: "Leaderboard name",
  npsClass: "NPS class",
  sentimentLabel: "Sentiment",
};

function Side({ label, side, after, testId }: { label: string; side: MergeSide; after: number; testId: string }) {
  return (
    <div className="min-w-0 rounded-card border border-line p-3" data-testid={testId}>
      <p className="text-xs font-medium tracking-wide text-fg-subtle uppercase">{label}</p>
      <p className="truncate font-medium" title={side.displayName}>
        {side.displayName}
      </p>
      {side.primaryEmail && <p className="truncate text-sm text-fg-muted">{side.primaryEmail}</p>}
      <p className="mt-2 text-sm">
        Balance <span data-testid={`${testId}-before`}>{points(side.balance)}</span> → <strong data-testid={`${testId}-after`}>{points(after)}</strong>
      </p>
    </div>
  );
}

/** What a merge will move, counted now; shown before the member confirms. */
export function MergePreviewCard({ preview, children }: { preview: MergePreviewDto; children?: React.ReactNode }) {
  const m = preview.moves;
  const rows: [string, number][] = [
    ["Emails", m.emails],
    ["Linked social accounts", m.linkedAccounts],
    ["Mentions", m.mentions],
    ["Consents", m.consents],
    ["NPS / feedback answers", m.feedback],
    ["Redemptions", m.redemptions],
    ["Posts shared on their behalf", m.sharePosts],
  ];
  return (
    <Card title="What the merge will do">
      <div className="grid gap-3 sm:grid-cols-2">
        <Side label="Merged away" side={preview.merged} after={preview.after.mergedBalance} testId="merge-from" />
        <Side label="Kept" side={preview.survivor} after={preview.after.survivorBalance} testId="merge-into" />
      </div>
      <dl className="mt-4 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" aria-label="Moves to the kept customer">
        {rows.map(([label, count]) => (
          <div key={label} className="contents">
            <dt className="text-fg-muted">{label}</dt>
            <dd className="text-right tabular-nums" data-testid={`moves-${label}`}>
              {count}
            </dd>
          </div>
        ))}
      </dl>
      <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-fg-muted">
        <li>
          {preview.merged.balance > 0
            ? `${points(preview.merged.balance)} move by two new ledger entries (a merge pair); no past entry is changed.`
            : "No points to move."}
        </li>
        {m.pendingRedemptions > 0 && (
          <li>
            {m.pendingRedemptions} pending {m.pendingRedemptions === 1 ? "redemption moves" : "redemptions move"} too: fulfil them as usual; a cancel refunds
            the kept customer.
          </li>
        )}
        {preview.fillsFields.length > 0 && (
          <li>The kept customer takes these details it lacks: {preview.fillsFields.map((f) => FIELD_LABELS[f] ?? f).join(", ")}.</li>
        )}
        <li>The merged-away record leaves the lists; its page and links lead to the kept customer.</li>
      </ul>
      {children}
    </Card>
  );
}
