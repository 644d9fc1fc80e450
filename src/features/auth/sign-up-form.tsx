"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import type { SignUpState } from "./auth-form-states";

type Action = (form: FormData) => Promise<SignUpState>;

/**
 * Asks for the account through a server action; the answer is always "check your email" (also
 * when the address already has an account: its owner is emailed instead), so this form tells
 * no one who has signed up.
 */
export function SignUpForm({ action }: { action: Action }) {
  const [state, setState] = useState<SignUpState>({ status: "idle" });
  const [pending, setPending] = useState(false);
  const fieldErrors = state.status === "error" ? state.fieldErrors : {};

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await action(form);
    setState(result);
    setPending(false);
  }

  if (state.status === "check-email") {
    return (
      <div className="space-y-3">
        <h2 className="text-lg font-semibold">Check your email</h2>
        <Alert tone="info">We sent a message to {state.email}. Open the link in it to continue; it works for 24 hours.</Alert>
        <p className="text-sm text-fg-muted">Nothing arrived? Check your spam folder, or sign up again in a few minutes.</p>
      </div>
    );
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" noValidate>
      {state.status === "error" && <FormError errors={[state.message]} />}
      <Field label="Your name" required error={fieldErrors.name}>
        <Input name="name" autoComplete="name" required />
      </Field>
      <Field label="Work email" required error={fieldErrors.email}>
        <Input name="email" type="email" autoComplete="email" required />
      </Field>
      <Field label="Password" hint="At least 10 characters." required error={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="new-password" minLength={10} required />
      </Field>
      <Field label="Brand name" hint="The brand you run in Megaphone; you can invite your team next." required error={fieldErrors.companyName}>
        <Input name="companyName" autoComplete="organization" required />
      </Field>
      <Button type="submit" fullWidth loading={pending}>
        Create account
      </Button>
    </form>
  );
}
