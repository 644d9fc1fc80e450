"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../../forms/remembered";
import { remembered } from "../../forms/remembered";
import { ActionResult } from "./action-result";

/**
 * Add or remove points by hand, with a reason. The idempotency key comes from the server render:
 * a double submit of one form posts once; after a success the page renders a fresh key.
 */
export function AdjustPointsForm({
  tenantSlug,
  customerId,
  idempotencyKey,
  action,
}: {
  tenantSlug: string;
  customerId: string;
  idempotencyKey: string;
  action: FormAction;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <details className="mt-4 border-t border-line pt-4" open={state.status === "error" || undefined}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Adjust points…</summary>
      <form action={formAction} aria-label="Adjust points" className="mt-3 space-y-3">
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="customerId" value={customerId} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <Field label="Points" hint="A whole number: 50 adds, -50 removes." error={errors.amount} required>
          <Input name="amount" inputMode="numeric" autoComplete="off" defaultValue={remembered(state, "amount", "")} />
        </Field>
        <Field label="Reason" hint="Shown in the ledger and to the customer." error={errors.reason} required>
          <Input name="reason" maxLength={500} autoComplete="off" defaultValue={remembered(state, "reason", "")} />
        </Field>
        <ActionResult state={state} />
        <SubmitButton pendingLabel="Posting…">Post adjustment</SubmitButton>
      </form>
    </details>
  );
}
