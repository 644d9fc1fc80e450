"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";
import { formKey, remembered } from "../forms/remembered";
import { SOURCE_CHOICES } from "./labels";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function AddSourceForm({ tenantSlug, action }: { tenantSlug: string; action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate key={state.status === "ok" ? state.message : formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {state.status === "ok" && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && <FormError title="The source was not added" errors={[state.message]} />}
      <div className="grid gap-4 sm:grid-cols-[16rem_1fr]">
        <Field label="What to track" error={errors.kind ?? errors.network ?? errors.source}>
          <Select
            name="source"
            defaultValue={remembered(state, "source", "TWITTER:HASHTAG")}
            options={SOURCE_CHOICES.map((c) => ({ value: c.value, label: c.label }))}
          />
        </Field>
        <Field
          label="Value"
          required
          error={errors.value ?? errors.connectionId}
          hint={
            <span className="block space-y-0.5">
              {SOURCE_CHOICES.map((c) => (
                <span key={c.value} className="block">
                  <span className="font-medium">{c.label}:</span> {c.hint}
                </span>
              ))}
            </span>
          }
        >
          <Input
            name="value"
            defaultValue={remembered(state, "value", "")}
            autoComplete="off"
            required
            maxLength={500}
            placeholder="#brandx, @brandx or brand x coffee"
          />
        </Field>
      </div>
      <SubmitButton pendingLabel="Adding…">Add source</SubmitButton>
    </form>
  );
}
