"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { ResetState } from "./auth-form-states";

type Action = (state: ResetState, form: FormData) => Promise<ResetState>;

export function ResetPasswordForm({ token, action }: { token: string; action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  if (state.status === "reset") {
    return (
      <div className="space-y-4">
        <Alert tone="success" role="status">
          Your password is changed and every device was signed out. Sign in with the new password.
        </Alert>
        <ButtonLink fullWidth href={`/signin?email=${encodeURIComponent(state.email)}`}>
          Sign in
        </ButtonLink>
      </div>
    );
  }
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <Field label="New password" hint="At least 10 characters." required error={errors.password}>
        <Input name="password" type="password" autoComplete="new-password" minLength={10} required />
      </Field>
      <SubmitButton fullWidth pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
