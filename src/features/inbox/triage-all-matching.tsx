import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { InboxFilters } from "@/server/modules/mentions/inbox/inbox.schemas";
import type { FormAction } from "../forms/remembered";
import { InboxActionForm } from "./inbox-action-form";
import { filtersField } from "./inbox-href";
import { STATUS_OPTIONS } from "./inbox-labels";

/** A triage step for every mention the current filters match, on every page (disqualifying stays per selection). */
export function TriageAllMatching({ action, tenantSlug, filters }: { action: FormAction; tenantSlug: string; filters: InboxFilters }) {
  return (
    <InboxActionForm action={action} tenantSlug={tenantSlug} label="Change all matching mentions" className="border-t border-line px-4 py-3 sm:px-5">
      <input type="hidden" name="filters" value={filtersField(filters)} />
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-end">
        <div className="min-w-0 space-y-1">
          <label htmlFor="matching-status" className="block text-xs font-medium text-fg-muted">
            Every mention these filters match, on all pages
          </label>
          <Select
            id="matching-status"
            name="status"
            placeholder="Set status…"
            options={STATUS_OPTIONS.filter((o) => o.value !== "disqualified")}
            className="w-full sm:w-48"
          />
        </div>
        <SubmitButton size="sm" variant="secondary" pendingLabel="Applying…">
          Apply to all matching
        </SubmitButton>
      </div>
    </InboxActionForm>
  );
}
