"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import { remembered, type FormAction } from "../forms/remembered";

export function ForgotPasswordForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  if (state.status === "ok") {
    return (
      <Alert tone="success" role="status">
        {state.message}
      </Alert>
    );
  }
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && <FormError errors={[state.message]} />}
      <Field label="Email" required error={errors.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={remembered(state, "email", "")} />
      </Field>
      <SubmitButton fullWidth pendingLabel="Sending…">
        Send reset link
      </SubmitButton>
    </form>
  );
}
