"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import type { AcceptState } from "./accept-invite-state";
import { signInAndOpenBrand } from "@/features/auth/sign-in-and-open";
import { formString } from "@/features/forms/form-text";

/** Sets a name and password for the invited email, joins, signs in, opens the brand. */
export function AcceptInviteForm({ token, email, action }: { token: string; email: string; action: (form: FormData) => Promise<AcceptState> }) {
  const router = useRouter();
  const [state, setState] = useState<AcceptState>({ status: "idle" });
  const [pending, setPending] = useState(false);
  const errors = state.status === "error" ? state.fieldErrors : {};

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await action(form);
    setState(result);
    if (result.status !== "joined") return setPending(false);
    await signInAndOpenBrand(router, email, formString(form, "password"), result.tenantSlug);
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <Field label="Email">
        <Input value={email} readOnly disabled />
      </Field>
      <Field label="Your name" required error={errors.name}>
        <Input name="name" autoComplete="name" required />
      </Field>
      <Field label="Choose a password" hint="At least 10 characters." required error={errors.password}>
        <Input name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" fullWidth loading={pending}>
        Join
      </Button>
    </form>
  );
}
