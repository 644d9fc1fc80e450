"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

export function EraseMeForm({ slug, brandName, action }: { slug: string; brandName: string; action: FormAction }) {
  const [state, erase] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={erase} className="space-y-4" noValidate>
      <input type="hidden" name="brand" value={slug} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <p className="text-sm text-fg-muted">
        {brandName} deletes your name, emails and linked accounts, and stops reading your posts. Your points and rewards are lost. The brand keeps an anonymous
        record of past points so its accounts still add up.
      </p>
      <Field label='Type "erase" to confirm' required error={errors.confirm}>
        <Input name="confirm" autoComplete="off" required />
      </Field>
      <SubmitButton variant="danger" fullWidth pendingLabel="Erasing…">
        Erase my account
      </SubmitButton>
    </form>
  );
}
