import Link from "next/link";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { InboxFilters } from "@/server/modules/mentions/inbox/inbox.schemas";
import type { InboxView } from "@/server/modules/mentions/inbox/inbox-views";
import type { FormAction } from "../forms/remembered";
import { InboxActionForm } from "./inbox-action-form";
import { filtersField, inboxHref } from "./inbox-href";

/** The member's own saved views (links to the inbox with their filters), and saving the current filters as one. */
export function SavedViews({
  views,
  filters,
  base,
  tenantSlug,
  actions,
}: {
  views: InboxView[];
  filters: InboxFilters;
  base: string;
  tenantSlug: string;
  actions: { save: FormAction; remove: FormAction };
}) {
  return (
    <div className="space-y-3">
      {views.length === 0 ? (
        <p className="text-sm text-fg-muted">No saved view yet: filter the inbox, then save the filters under a name.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label="Saved views" data-testid="inbox-views">
          {views.map((view) => (
            <li key={view.id} className="flex max-w-full min-w-0 items-center gap-1 rounded-control border border-line px-2 py-1">
              <Link href={inboxHref(base, view.filters)} className="min-w-0 truncate text-sm font-medium text-brand-700 hover:underline" dir="auto">
                {view.name}
              </Link>
              <InboxActionForm action={actions.remove} tenantSlug={tenantSlug} label={`Delete the view ${view.name}`} className="space-y-0">
                <input type="hidden" name="viewId" value={view.id} />
                <SubmitButton size="sm" variant="ghost" pendingLabel="…" aria-label={`Delete the view ${view.name}`}>
                  ×
                </SubmitButton>
              </InboxActionForm>
            </li>
          ))}
        </ul>
      )}
      <InboxActionForm action={actions.save} tenantSlug={tenantSlug} label="Save these filters as a view">
        <input type="hidden" name="filters" value={filtersField(filters)} />
        <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <Input name="name" aria-label="Name of the view" placeholder="Name these filters" maxLength={60} required className="w-full sm:w-64" />
          <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
            Save as a view
          </SubmitButton>
        </div>
      </InboxActionForm>
    </div>
  );
}
