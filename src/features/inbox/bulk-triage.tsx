import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";
import { InboxActionForm } from "./inbox-action-form";
import { STATUS_OPTIONS } from "./inbox-labels";

/** The selection's form: each card's checkbox belongs to it (form="inbox-bulk"), so no client state is needed. */
export function BulkTriage({ action, tenantSlug }: { action: FormAction; tenantSlug: string }) {
  return (
    <InboxActionForm id="inbox-bulk" action={action} tenantSlug={tenantSlug} label="Change the selected mentions" className="px-4 py-3 sm:px-5">
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-end">
        <div className="min-w-0 space-y-1">
          <label htmlFor="bulk-status" className="block text-xs font-medium text-fg-muted">
            Selected mentions
          </label>
          <Select id="bulk-status" name="status" placeholder="Set status…" options={STATUS_OPTIONS} className="w-full sm:w-48" />
        </div>
        <Input name="reason" aria-label="Reason (to disqualify)" placeholder="Reason, to disqualify" maxLength={500} className="w-full sm:w-64" />
        <SubmitButton size="sm" pendingLabel="Applying…">
          Apply to selected
        </SubmitButton>
      </div>
    </InboxActionForm>
  );
}
