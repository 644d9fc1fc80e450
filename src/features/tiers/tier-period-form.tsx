"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import { formKey, remembered, type FormAction } from "../forms/remembered";

/** The brand's tier period: how many months of earned points decide a customer's tier. */
export function TierPeriodForm({ tenantSlug, months, min, max, action }: { tenantSlug: string; months: number; min: number; max: number; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Tier period" key={state.status === "ok" ? state.message : formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {state.status === "ok" && state.message && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && !errors.months && <FormError title="The period was not changed" errors={[state.message]} />}
      <Field
        label="Count points earned in the last"
        hint={`Months, ${min} to ${max}. A rolling window: points older than this stop counting.`}
        error={errors.months}
        required
      >
        <Input
          name="months"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          defaultValue={remembered(state, "months", String(months))}
          className="max-w-32"
        />
      </Field>
      <SubmitButton pendingLabel="Saving…">Save period</SubmitButton>
    </form>
  );
}
