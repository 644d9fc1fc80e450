import Link from "next/link";
import { Badge } from "@/components/badge";
import type { InboxItem } from "@/server/modules/mentions/inbox/inbox.schemas";
import type { InboxOption } from "@/server/modules/mentions/inbox/inbox-options";
import type { MentionReplyDto } from "@/server/modules/mentions/inbox-reply.schemas";
import { INBOX_STATUS_LABELS, NETWORK_NAMES, SENTIMENT_LABELS } from "./inbox-labels";
import { MentionReplies, type ReplyControls } from "./mention-reply";
import { MentionTags } from "./mention-tags";
import { MentionTriage, type TriageActions } from "./mention-triage";

const number = new Intl.NumberFormat("en-US");
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * One mention as a card (the same on a phone and a desktop). The post, the handle, names and
 * notes are hostile text: rendered as text by React, `dir="auto"` for right-to-left text, a
 * handle or name stays on one line (cut with an ellipsis), long unbroken posts and notes wrap
 * anywhere, and a long post scrolls inside its own box.
 */
export function MentionCard({
  item,
  tenantSlug,
  actions,
  members,
  selectable,
  replies = [],
  reply,
}: {
  item: InboxItem;
  tenantSlug: string;
  actions?: TriageActions;
  members: InboxOption[];
  selectable: boolean;
  replies?: MentionReplyDto[];
  reply?: ReplyControls;
}) {
  const status = INBOX_STATUS_LABELS[item.inboxStatus];
  return (
    <li className="min-w-0 space-y-3 px-4 py-4 sm:px-5" data-testid="inbox-item" data-mention-id={item.id}>
      <div className="flex min-w-0 items-start gap-3">
        {selectable && (
          <input
            type="checkbox"
            name="mentionIds"
            value={item.id}
            form="inbox-bulk"
            aria-label={`Select the mention by @${item.author.handle}`}
            className="mt-1 size-4 shrink-0"
          />
        )}
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
            <span className="max-w-full truncate font-medium text-fg" dir="auto" data-testid="inbox-author">
              @{item.author.handle}
            </span>
            {item.customer ? (
              <Link href={`/t/${tenantSlug}/customers/${item.customer.id}`} className="max-w-full truncate text-sm text-brand-700 hover:underline" dir="auto">
                {item.customer.displayName}
              </Link>
            ) : (
              <Badge tone="neutral">Prospect</Badge>
            )}
            <Badge tone={status.tone} dot>
              <span data-testid="inbox-status">{status.label}</span>
            </Badge>
            {item.isQuestion && <Badge tone="brand">Question</Badge>}
            {item.sentiment && (
              <Badge tone={SENTIMENT_LABELS[item.sentiment.label].tone}>
                <span data-testid="inbox-sentiment">{SENTIMENT_LABELS[item.sentiment.label].label}</span>
                {item.sentimentOverride && (
                  <span className="font-normal">
                    {" "}
                    (set by staff
                    {item.sentimentOverride.modelLabel ? `; model said ${SENTIMENT_LABELS[item.sentimentOverride.modelLabel].label.toLowerCase()}` : ""})
                  </span>
                )}
              </Badge>
            )}
          </div>
          <p className="text-xs break-words text-fg-muted">
            {NETWORK_NAMES[item.network]} · <time dateTime={item.postedAt}>{when(item.postedAt)}</time> · {number.format(item.author.followers)} followers
            {item.location ? <> · at {item.location.name}</> : null}
            {item.assignee ? <> · assigned to {item.assignee.name}</> : null}
          </p>
        </div>
      </div>
      <p
        dir="auto"
        className="max-h-48 overflow-y-auto rounded-control bg-surface-muted px-3 py-2 text-sm break-words whitespace-pre-wrap text-fg"
        data-testid="inbox-text"
      >
        {item.text}
      </p>
      <p className="text-xs break-words text-fg-muted">
        Points: {number.format(item.points.paid)} paid
        {item.points.reversed !== 0 ? `, ${number.format(-item.points.reversed)} taken back` : ""}
        {item.matchedKeywords.length ? ` · matched ${item.matchedKeywords.join(", ")}` : ""}
        {item.url ? (
          <>
            {" · "}
            <a href={item.url} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 hover:underline">
              Open the post
            </a>
          </>
        ) : null}
      </p>
      <MentionTags mentionId={item.id} tags={item.tags} tenantSlug={tenantSlug} untag={actions?.untag} />
      {item.notes.length > 0 && (
        <ul className="space-y-1 border-l-2 border-line pl-3" aria-label="Notes">
          {item.notes.map((note) => (
            <li key={note.id} className="text-sm break-words whitespace-pre-wrap text-fg" dir="auto">
              {note.body}
              <span className="block text-xs text-fg-subtle">
                {note.author ?? "A former member"} · {when(note.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <MentionReplies item={item} tenantSlug={tenantSlug} replies={replies} controls={reply} />
      {actions && <MentionTriage item={item} tenantSlug={tenantSlug} actions={actions} members={members} />}
    </li>
  );
}
