import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { InboxFilters } from "@/server/modules/mentions/inbox/inbox.schemas";
import type { FormAction } from "../forms/remembered";
import { InboxActionForm } from "./inbox-action-form";
import { filtersField } from "./inbox-href";

const number = new Intl.NumberFormat("en-US");

/** A tag put on (or taken off) every mention the current filters match, on every page, `batch` at a time (the server's cap). */
export function TagAllMatching({ action, tenantSlug, filters, batch }: { action: FormAction; tenantSlug: string; filters: InboxFilters; batch: number }) {
  return (
    <InboxActionForm action={action} tenantSlug={tenantSlug} label="Tag all matching mentions" className="border-t border-line px-4 py-3 sm:px-5">
      <input type="hidden" name="filters" value={filtersField(filters)} />
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-end">
        <div className="min-w-0 space-y-1">
          <label htmlFor="matching-tag" className="block text-xs font-medium text-fg-muted">
            Tag every mention these filters match
          </label>
          <Input id="matching-tag" name="tag" maxLength={40} placeholder="refund, menu idea…" className="w-full sm:w-48" />
        </div>
        {/* The first button is the form's default: Enter in the field adds. */}
        <SubmitButton name="op" value="add" size="sm" variant="secondary" pendingLabel="Applying…">
          Add tag to all matching
        </SubmitButton>
        <SubmitButton name="op" value="remove" size="sm" variant="ghost" pendingLabel="Applying…">
          Remove tag from all matching
        </SubmitButton>
      </div>
      <p className="text-xs text-fg-subtle">{`Up to ${number.format(batch)} mentions at a time, newest first.`}</p>
    </InboxActionForm>
  );
}
