import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/badge";
import type { FeedbackInboxItem, NpsClassName } from "@/server/modules/feedback/feedback.schemas";
import type { FormAction } from "../forms/remembered";
import { MarkHandledButton } from "./mark-handled-button";

export const NPS_LABELS: Record<NpsClassName, { label: string; tone: BadgeTone }> = {
  PROMOTER: { label: "Promoter", tone: "success" },
  PASSIVE: { label: "Passive", tone: "neutral" },
  DETRACTOR: { label: "Detractor", tone: "danger" },
};

const number = new Intl.NumberFormat("en-US");
const day = (iso: string) => iso.slice(0, 10);

/**
 * Feedback answers as inbox items. Names, comments and location names are customers' and the
 * brand's text: React escapes them, and a long comment wraps and scrolls inside its own box.
 */
export function FeedbackList({ items, tenantSlug, markAction }: { items: FeedbackInboxItem[]; tenantSlug: string; markAction?: FormAction }) {
  return (
    <ul className="divide-y divide-line" data-testid="feedback-items">
      {items.map((item) => (
        <li key={item.id} className="space-y-3 px-5 py-4" data-testid="feedback-item">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                {item.customer.erased ? (
                  <span className="font-medium text-fg-muted">{item.customer.displayName}</span>
                ) : (
                  <Link href={`/t/${tenantSlug}/customers/${item.customer.id}`} className="font-medium break-all text-brand-700 hover:underline">
                    {item.customer.displayName}
                  </Link>
                )}
                <Badge tone={NPS_LABELS[item.npsClass].tone}>{`${item.score} / 10`}</Badge>
                <Badge tone={NPS_LABELS[item.npsClass].tone} dot>
                  {NPS_LABELS[item.npsClass].label}
                </Badge>
                <Badge tone={item.status === "OPEN" ? "warning" : "success"}>{item.status === "OPEN" ? "Open" : "Handled"}</Badge>
              </div>
              <p className="text-xs text-fg-muted">
                <time dateTime={item.createdAt}>{day(item.createdAt)}</time>
                {item.location ? <> · at {item.location}</> : null}
                {item.handledAt ? <> · handled {day(item.handledAt)}</> : null}
              </p>
            </div>
            {markAction && item.status === "OPEN" && <MarkHandledButton tenantSlug={tenantSlug} feedbackId={item.id} action={markAction} />}
          </div>
          {item.comment ? (
            <p
              className="max-h-48 overflow-y-auto rounded-control bg-surface-muted px-3 py-2 text-sm break-words whitespace-pre-wrap text-fg"
              data-testid="feedback-comment"
            >
              {item.comment}
            </p>
          ) : (
            <p className="text-sm text-fg-subtle">No comment.</p>
          )}
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-4" data-testid="feedback-history">
            <div>
              <dt className="text-fg-subtle">Balance</dt>
              <dd className="font-medium text-fg">{number.format(item.customer.balance)} points</dd>
            </div>
            <div>
              <dt className="text-fg-subtle">Earned, all time</dt>
              <dd className="font-medium text-fg">{number.format(item.customer.lifetimeEarned)} points</dd>
            </div>
            <div>
              <dt className="text-fg-subtle">Mentions, last 30 days</dt>
              <dd className="font-medium text-fg">{number.format(item.customer.recentMentions)}</dd>
            </div>
            <div>
              <dt className="text-fg-subtle">Earlier answers</dt>
              <dd className="font-medium text-fg">
                {item.customer.previousAnswers.length === 0 ? "None" : item.customer.previousAnswers.map((a) => `${a.score} (${day(a.createdAt)})`).join(", ")}
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
