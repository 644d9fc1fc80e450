"use client";

import { useRef, type KeyboardEvent } from "react";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";
import { InboxActionForm } from "./inbox-action-form";
import { STATUS_OPTIONS } from "./inbox-labels";

/**
 * The selection's form: each card's checkbox belongs to it (form="inbox-bulk"; a checkbox belongs
 * to one form only), so the selection needs no client state. It changes the selected mentions'
 * status, or tags or untags them: the tag buttons send op=add / op=remove, which the server's
 * selection action reads. Enter in the tag field adds the tag, rather than pressing the form's
 * first button, which changes the status.
 */
export function BulkSelection({ action, tenantSlug }: { action: FormAction; tenantSlug: string }) {
  const add = useRef<HTMLButtonElement>(null);
  const addOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit(add.current);
  };
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
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-end">
        <div className="min-w-0 space-y-1">
          <label htmlFor="bulk-tag" className="block text-xs font-medium text-fg-muted">
            Tag the selected mentions
          </label>
          <Input id="bulk-tag" name="tag" maxLength={40} placeholder="refund, menu idea…" onKeyDown={addOnEnter} className="w-full sm:w-48" />
        </div>
        <SubmitButton ref={add} name="op" value="add" size="sm" variant="secondary" pendingLabel="Applying…">
          Add tag to selected
        </SubmitButton>
        <SubmitButton name="op" value="remove" size="sm" variant="ghost" pendingLabel="Applying…">
          Remove tag from selected
        </SubmitButton>
      </div>
    </InboxActionForm>
  );
}
