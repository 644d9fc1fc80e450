"use client";

import { useActionState, useRef, type KeyboardEvent } from "react";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";
import { ActionMessage } from "./action-message";

/**
 * Tag controls inside the selection's form (form="inbox-bulk" owns the cards' checkboxes, and a
 * checkbox belongs to one form only): their buttons send that same form to the tag action instead
 * (formAction), with op=add or op=remove set here, because React leaves a button that has its own
 * formAction out of the form data. Enter in the tag field adds the tag, rather than pressing the
 * form's first button, which changes the status.
 */
export function BulkTagSelected({ action }: { action: FormAction }) {
  const [state, run] = useActionState(action, { status: "idle" });
  const add = useRef<HTMLButtonElement>(null);
  const send = (op: "add" | "remove") => (form: FormData) => {
    form.set("op", op);
    run(form);
  };
  const addOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit(add.current);
  };
  return (
    <div className="min-w-0 space-y-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-end">
        <div className="min-w-0 space-y-1">
          <label htmlFor="bulk-tag" className="block text-xs font-medium text-fg-muted">
            Tag the selected mentions
          </label>
          <Input id="bulk-tag" name="tag" maxLength={40} placeholder="refund, menu idea…" onKeyDown={addOnEnter} className="w-full sm:w-48" />
        </div>
        <SubmitButton ref={add} formAction={send("add")} size="sm" variant="secondary" pendingLabel="Applying…">
          Add tag to selected
        </SubmitButton>
        <SubmitButton formAction={send("remove")} size="sm" variant="ghost" pendingLabel="Applying…">
          Remove tag from selected
        </SubmitButton>
      </div>
      <ActionMessage state={state} />
    </div>
  );
}
