"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import type { ConfirmSignUpState } from "./auth-form-states";
import { signInAndOpenBrand } from "./sign-in-and-open";
import { formString } from "@/features/forms/form-text";

type Action = (form: FormData) => Promise<ConfirmSignUpState>;

/** The password chosen at sign-up, again: creates the account, signs in, opens the brand. */
export function ConfirmSignUpForm({ token, email, action }: { token: string; email: string; action: Action }) {
  const router = useRouter();
  const [state, setState] = useState<ConfirmSignUpState>({ status: "idle" });
  const [pending, setPending] = useState(false);
  const fieldErrors = state.status === "error" ? state.fieldErrors : {};

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await action(form);
    setState(result);
    if (result.status !== "created") {
      setPending(false);
      return;
    }
    await signInAndOpenBrand(router, result.email, formString(form, "password"), result.tenantSlug);
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <Field label="Email">
        <Input value={email} readOnly disabled />
      </Field>
      <Field label="Password" hint="The one you chose when signing up." required error={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" fullWidth loading={pending}>
        Confirm and open my brand
      </Button>
    </form>
  );
}
