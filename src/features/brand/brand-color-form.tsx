"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import { formKey, remembered, type FormAction } from "../forms/remembered";

/** The brand colour: a colour picker, and a way back to Megaphone's own colour. */
export function BrandColorForm({ tenantSlug, color, customColor, action }: { tenantSlug: string; color: string; customColor: boolean; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <div className="space-y-4">
      {state.status === "ok" && state.message && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && <FormError title="The colour was not changed" errors={[errors.brandColor ?? state.message]} />}
      <form action={formAction} className="flex flex-wrap items-end gap-3" noValidate key={state.status === "ok" ? state.message : formKey(state)}>
        <input type="hidden" name="tenant" value={tenantSlug} />
        <Field label="Brand colour" hint="Buttons and the header of your rewards portal." error={errors.brandColor}>
          <input
            name="brandColor"
            type="color"
            defaultValue={remembered(state, "brandColor", color)}
            className="h-10 w-20 cursor-pointer rounded-md border border-line-strong bg-surface p-1"
          />
        </Field>
        <SubmitButton pendingLabel="Saving…">Save colour</SubmitButton>
      </form>
      {customColor && (
        <form action={formAction}>
          <input type="hidden" name="tenant" value={tenantSlug} />
          <input type="hidden" name="brandColor" value="" />
          <SubmitButton variant="secondary" pendingLabel="Saving…">
            Use Megaphone&apos;s colour
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
