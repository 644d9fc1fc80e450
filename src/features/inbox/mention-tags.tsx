import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";
import { InboxActionForm } from "./inbox-action-form";

/** A mention's tags as small labels; staff who triage can take each one off. */
export function MentionTags({ mentionId, tags, tenantSlug, untag }: { mentionId: string; tags: string[]; tenantSlug: string; untag?: FormAction }) {
  if (tags.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Tags" data-testid="mention-tags">
      {tags.map((tag) => (
        <li key={tag} className="flex max-w-full min-w-0 items-center gap-1 rounded-full bg-surface-muted px-2 py-0.5 text-xs text-fg">
          <span className="min-w-0 truncate" dir="auto">
            {tag}
          </span>
          {untag && (
            <InboxActionForm action={untag} tenantSlug={tenantSlug} label={`Remove the tag ${tag}`} className="space-y-0">
              <input type="hidden" name="mentionId" value={mentionId} />
              <input type="hidden" name="tag" value={tag} />
              <SubmitButton size="sm" variant="ghost" pendingLabel="…" aria-label={`Remove the tag ${tag}`}>
                ×
              </SubmitButton>
            </InboxActionForm>
          )}
        </li>
      ))}
    </ul>
  );
}
