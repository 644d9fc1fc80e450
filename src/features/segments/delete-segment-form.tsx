"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

/** A deliberate two-step delete: open the disclosure, then confirm. */
export function DeleteSegmentForm({ tenantSlug, segmentId, name, action }: { tenantSlug: string; segmentId: string; name: string; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <details className="rounded-card border border-red-200 bg-red-50/40 p-4">
      <summary className="cursor-pointer text-sm font-medium text-red-800">Delete this segment…</summary>
      <form action={formAction} className="mt-3 space-y-3">
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={segmentId} />
        <p className="text-sm text-fg-muted">{name} will be removed. Its customers stay as they are.</p>
        {state.status === "error" && <FormError errors={[state.message]} />}
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete {name}
        </SubmitButton>
      </form>
    </details>
  );
}
