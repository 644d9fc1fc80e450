"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

/** A deliberate two-step delete: open the disclosure, then confirm. */
export function DeleteTierForm({ tenantSlug, tierId, name, action }: { tenantSlug: string; tierId: string; name: string; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-red-800">Delete {name}…</summary>
      <form action={formAction} className="mt-2 space-y-2">
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={tierId} />
        <p className="text-fg-muted">Customers are placed on the remaining tiers at once. A segment that names this tier must be changed first.</p>
        {state.status === "error" && <FormError errors={[state.message]} />}
        <SubmitButton variant="danger" size="sm" pendingLabel="Deleting…">
          Delete {name}
        </SubmitButton>
      </form>
    </details>
  );
}
