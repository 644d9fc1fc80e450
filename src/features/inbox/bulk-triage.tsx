import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";
import { BulkTagSelected } from "./bulk-tag-selected";
import { InboxActionForm } from "./inbox-action-form";
import { STATUS_OPTIONS } from "./inbox-labels";

/**
 * The selection's form: each card's checkbox belongs to it (form="inbox-bulk"), so no client state
 * is needed. It changes the selected mentions' status, and tags or untags them (BulkTagSelected).
 */
export function BulkTriage({ action, tag, tenantSlug }: { action: FormAction; tag: FormAction; tenantSlug: string }) {
  return (
    <InboxActionForm id="inbox-bulk" action={action} tenantSlug={tenantSlug} label="Change the selected mentions" className="space-y-3 px-4 py-3 sm:px-5">
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
      <BulkTagSelected action={tag} />
    </InboxActionForm>
  );
}
