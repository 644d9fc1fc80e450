"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import { formKey, remembered, type FormAction } from "../forms/remembered";

/** The brand's period: how many days after capture posts are still checked for deletion. */
export function DeletionPeriodForm({
  tenantSlug,
  periodDays,
  min,
  max,
  action,
}: {
  tenantSlug: string;
  periodDays: number;
  min: number;
  max: number;
  action: FormAction;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate key={state.status === "ok" ? state.message : formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {state.status === "ok" && state.message && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && <FormError title="The period was not changed" errors={[state.message]} />}
      <Field label="Check posts for" hint={`Days after a mention is collected, ${min} to ${max}.`} error={errors.periodDays} required>
        <Input
          name="periodDays"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          defaultValue={remembered(state, "periodDays", String(periodDays))}
          className="max-w-32"
        />
      </Field>
      <SubmitButton pendingLabel="Saving…">Save period</SubmitButton>
    </form>
  );
}
