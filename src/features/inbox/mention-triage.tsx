import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import type { InboxItem } from "@/server/modules/mentions/inbox/inbox.schemas";
import type { InboxOption } from "@/server/modules/mentions/inbox/inbox-options";
import type { FormAction } from "../forms/remembered";
import { InboxActionForm } from "./inbox-action-form";
import { SENTIMENT_OPTIONS, STATUS_OPTIONS } from "./inbox-labels";

export interface TriageActions {
  triage: FormAction;
  assign: FormAction;
  note: FormAction;
  sentiment: FormAction;
  tag: FormAction;
  untag: FormAction;
  /** Only for members who may adjust the ledger. */
  bonus?: FormAction;
}

/** One mention's triage controls: status (or disqualify, with a reason), assignee, a note, a bonus. */
export function MentionTriage({ item, tenantSlug, actions, members }: { item: InboxItem; tenantSlug: string; actions: TriageActions; members: InboxOption[] }) {
  const out = item.inboxStatus === "disqualified" || item.inboxStatus === "deleted";
  return (
    <details className="rounded-control border border-line" data-testid="mention-triage">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-fg">Triage</summary>
      <div className="grid grid-cols-1 gap-4 border-t border-line p-3 md:grid-cols-2">
        {!out && (
          <InboxActionForm action={actions.triage} tenantSlug={tenantSlug} label="Change status">
            <input type="hidden" name="mentionIds" value={item.id} />
            <label className="block text-xs font-medium text-fg-muted" htmlFor={`status-${item.id}`}>
              Status
            </label>
            <Select id={`status-${item.id}`} name="status" defaultValue={item.inboxStatus} options={STATUS_OPTIONS} className="w-full" />
            <Input name="reason" aria-label="Reason (to disqualify)" placeholder="Reason, to disqualify" maxLength={500} className="w-full" />
            <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
              Save status
            </SubmitButton>
          </InboxActionForm>
        )}
        <InboxActionForm action={actions.assign} tenantSlug={tenantSlug} label="Assign">
          <input type="hidden" name="mentionId" value={item.id} />
          <label className="block text-xs font-medium text-fg-muted" htmlFor={`assignee-${item.id}`}>
            Assigned to
          </label>
          <Select
            id={`assignee-${item.id}`}
            name="assigneeId"
            defaultValue={item.assignee?.id ?? ""}
            placeholder="Nobody"
            options={members}
            className="w-full"
          />
          <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
            Assign
          </SubmitButton>
        </InboxActionForm>
        <InboxActionForm action={actions.sentiment} tenantSlug={tenantSlug} label="Correct the sentiment">
          <input type="hidden" name="mentionId" value={item.id} />
          <label className="block text-xs font-medium text-fg-muted" htmlFor={`sentiment-${item.id}`}>
            Sentiment
          </label>
          <Select
            id={`sentiment-${item.id}`}
            name="sentiment"
            defaultValue={item.sentiment?.label ?? ""}
            placeholder="Not scored"
            options={SENTIMENT_OPTIONS}
            className="w-full"
          />
          <p className="text-xs text-fg-subtle">Counts in filters and customer sentiment; points already paid stay.</p>
          <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
            Set sentiment
          </SubmitButton>
        </InboxActionForm>
        <InboxActionForm action={actions.tag} tenantSlug={tenantSlug} label="Add a tag">
          <input type="hidden" name="mentionId" value={item.id} />
          <label className="block text-xs font-medium text-fg-muted" htmlFor={`tag-${item.id}`}>
            Tag
          </label>
          <Input id={`tag-${item.id}`} name="tag" maxLength={40} placeholder="refund, menu idea…" className="w-full" />
          <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
            Add tag
          </SubmitButton>
        </InboxActionForm>
        <InboxActionForm action={actions.note} tenantSlug={tenantSlug} label="Add a note">
          <input type="hidden" name="mentionId" value={item.id} />
          <label className="block text-xs font-medium text-fg-muted" htmlFor={`note-${item.id}`}>
            Note
          </label>
          <Textarea id={`note-${item.id}`} name="body" rows={2} maxLength={2000} className="w-full" />
          <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
            Add note
          </SubmitButton>
        </InboxActionForm>
        {actions.bonus && item.customer && !out && (
          <InboxActionForm action={actions.bonus} tenantSlug={tenantSlug} label="Award a bonus">
            <input type="hidden" name="mentionId" value={item.id} />
            {/* A fresh key per rendering of the form: a double submit awards once. */}
            <input type="hidden" name="idempotencyKey" value={crypto.randomUUID()} />
            <label className="block text-xs font-medium text-fg-muted" htmlFor={`bonus-${item.id}`}>
              Bonus points
            </label>
            <Input id={`bonus-${item.id}`} name="amount" type="number" min={1} max={100000} inputMode="numeric" className="w-full" />
            <Input name="reason" aria-label="Reason for the bonus" placeholder="Why" maxLength={500} className="w-full" />
            <SubmitButton size="sm" variant="secondary" pendingLabel="Awarding…">
              Award bonus
            </SubmitButton>
          </InboxActionForm>
        )}
      </div>
    </details>
  );
}
