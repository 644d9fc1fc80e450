"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Saves the list's current filters (hidden fields) as a named segment. */
export function SaveSegmentForm({ tenantSlug, filters, action }: { tenantSlug: string; filters: Record<string, string | undefined>; action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const error = state.status === "error" ? (state.fieldErrors.name ?? state.message) : null;
  return (
    <details className="mb-4 rounded-card border border-line p-3">
      <summary className="cursor-pointer text-sm font-medium">Save these filters as a segment…</summary>
      <form action={formAction} className="mt-3 flex flex-wrap items-end gap-3">
        <input type="hidden" name="tenant" value={tenantSlug} />
        {Object.entries(filters).map(([key, value]) => (value === undefined ? null : <input key={key} type="hidden" name={key} value={value} />))}
        <label className="flex min-w-0 flex-col gap-1 text-sm text-fg-muted">
          Segment name
          <Input name="name" maxLength={100} autoComplete="off" className="w-64 max-w-full" />
        </label>
        <SubmitButton pendingLabel="Saving…">Save as segment</SubmitButton>
        {error && <FormError errors={[error]} />}
      </form>
    </details>
  );
}
