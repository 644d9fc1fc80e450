"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** A deliberate two-step delete: open the disclosure, then confirm. */
export function DeleteCustomerForm({ tenantSlug, customerId, name, action }: { tenantSlug: string; customerId: string; name: string; action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <details className="rounded-card border border-red-200 bg-red-50/40 p-4">
      <summary className="cursor-pointer text-sm font-medium text-red-800">Delete this customer…</summary>
      <form action={formAction} className="mt-3 space-y-3">
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={customerId} />
        <p className="text-sm text-fg-muted">
          {name} will be removed. If they have points history, their personal data is erased instead and the history is kept without it.
        </p>
        {state.status === "error" && <FormError errors={[state.message]} />}
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete {name}
        </SubmitButton>
      </form>
    </details>
  );
}
