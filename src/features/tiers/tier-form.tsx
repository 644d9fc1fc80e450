"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { TierDto } from "@/server/modules/tiers/tier.schemas";
import { formKey, remembered, type FormAction } from "../forms/remembered";

/**
 * A tier's name and threshold: a new tier (no `tier`) or an existing one, edited in place. A
 * refused save keeps what was typed and puts each message under its input.
 */
export function TierForm({ tenantSlug, action, tier }: { tenantSlug: string; action: FormAction; tier?: TierDto }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const label = tier ? `tier ${tier.name}` : "new tier";
  const formErrors = state.status === "error" && !errors.name && !errors.threshold ? [state.message] : [];
  return (
    <form
      action={formAction}
      noValidate
      aria-label={tier ? `Edit ${label}` : "New tier"}
      key={state.status === "ok" ? state.message : formKey(state)}
      className="space-y-3"
    >
      <input type="hidden" name="tenant" value={tenantSlug} />
      {tier && <input type="hidden" name="id" value={tier.id} />}
      {state.status === "ok" && state.message && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      <FormError title={formErrors.length ? `The ${label} was not saved` : undefined} errors={formErrors} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_11rem_auto] sm:items-start">
        <Field label="Name" required error={errors.name}>
          <Input name="name" defaultValue={remembered(state, "name", tier?.name ?? "")} autoComplete="off" maxLength={40} />
        </Field>
        <Field label="From points" required hint="Earned in the period." error={errors.threshold}>
          <Input
            name="threshold"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            defaultValue={remembered(state, "threshold", tier ? String(tier.threshold) : "")}
          />
        </Field>
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Saving…" className="w-full sm:w-auto">
            {tier ? "Save" : "Add tier"}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
