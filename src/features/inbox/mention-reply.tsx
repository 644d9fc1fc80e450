import { randomUUID } from "node:crypto";
import Link from "next/link";
import { Badge } from "@/components/badge";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import type { BrandAccountDto } from "@/server/modules/brand-accounts/brand-account.schemas";
import type { InboxItem } from "@/server/modules/mentions/inbox/inbox.schemas";
import { REPLY_MAX_CHARACTERS, type MentionReplyDto } from "@/server/modules/mentions/inbox-reply.schemas";
import type { FormAction } from "../forms/remembered";
import { InboxActionForm } from "./inbox-action-form";

export interface ReplyControls {
  action: FormAction;
  /** The brand's account on the mention's network, or null when none is connected. */
  account: BrandAccountDto | null;
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const STATUS = {
  SENT: { label: "Posted", tone: "success" },
  SENDING: { label: "Sending", tone: "warning" },
  FAILED: { label: "Not posted", tone: "danger" },
} as const;

/**
 * The brand's replies under a mention (what was posted, as whom, by which member, or why not) and
 * the form to write one. Reply text is staff-written but still rendered as text only.
 */
export function MentionReplies({
  item,
  tenantSlug,
  replies,
  controls,
}: {
  item: InboxItem;
  tenantSlug: string;
  replies: MentionReplyDto[];
  controls?: ReplyControls;
}) {
  const account = controls?.account && controls.account.network === item.network ? controls.account : null;
  const out = item.inboxStatus === "deleted";
  return (
    <>
      {replies.length > 0 && (
        <ul className="space-y-2 border-l-2 border-brand-200 pl-3" aria-label="Replies" data-testid="mention-replies">
          {replies.map((reply) => (
            <li key={reply.id} className="min-w-0 space-y-1" data-testid="mention-reply">
              <p className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs text-fg-muted">
                <span className="max-w-full truncate font-medium text-fg" dir="auto">
                  @{reply.asHandle}
                </span>
                <Badge tone={STATUS[reply.status].tone}>{STATUS[reply.status].label}</Badge>
                <span>
                  {reply.author ?? "A former member"} · {when(reply.createdAt)}
                </span>
                {reply.url && (
                  <a href={reply.url} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 hover:underline">
                    Open the reply
                  </a>
                )}
              </p>
              <p className="text-sm break-words whitespace-pre-wrap text-fg" dir="auto" data-testid="mention-reply-text">
                {reply.text}
              </p>
              {reply.status === "FAILED" && reply.error && <p className="text-xs break-words text-red-700">{reply.error}</p>}
            </li>
          ))}
        </ul>
      )}
      {controls && !out && item.network === "TWITTER" && (
        <details className="rounded-control border border-line" data-testid="mention-reply-form">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-fg">{account ? `Reply as @${account.handle}` : "Reply"}</summary>
          <div className="border-t border-line p-3">
            {account?.canPost ? (
              <InboxActionForm action={controls.action} tenantSlug={tenantSlug} label={`Reply to @${item.author.handle}`}>
                <input type="hidden" name="mentionId" value={item.id} />
                {/* Drawn with the page: sending the same form twice posts one reply. */}
                <input type="hidden" name="requestKey" value={randomUUID()} />
                <label className="block text-xs font-medium text-fg-muted" htmlFor={`reply-${item.id}`}>
                  Reply (posted publicly under the mention, at most {REPLY_MAX_CHARACTERS} characters)
                </label>
                <Textarea id={`reply-${item.id}`} name="text" rows={3} required maxLength={REPLY_MAX_CHARACTERS} dir="auto" className="w-full" />
                <SubmitButton size="sm" pendingLabel="Posting…">
                  Post reply
                </SubmitButton>
              </InboxActionForm>
            ) : (
              <p className="text-sm text-fg-muted">
                {account
                  ? `@${account.handle} needs to be connected again before the brand can reply.`
                  : "Connect the brand's X account to reply from the inbox."}{" "}
                <Link href={`/t/${tenantSlug}/settings/channels`} className="font-medium text-brand-700 hover:underline">
                  Settings → Channels
                </Link>
              </p>
            )}
          </div>
        </details>
      )}
    </>
  );
}
