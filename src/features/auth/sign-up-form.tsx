"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import type { SignUpState } from "@/app/(auth)/signup/actions";
import { safeRedirectPath } from "@/server/http/safe-redirect";

type Action = (form: FormData) => Promise<SignUpState>;

/** Creates the account through a server action, then signs in and opens the new workspace. */
export function SignUpForm({ action }: { action: Action }) {
  const router = useRouter();
  const [state, setState] = useState<SignUpState>({ status: "idle" });
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
    const signedIn = await signIn("credentials", {
      email: String(form.get("email")),
      password: String(form.get("password")),
      redirect: false,
    });
    if (signedIn?.error) {
      setPending(false);
      router.push("/signin");
      return;
    }
    router.push(safeRedirectPath(`/t/${result.tenantSlug}`, window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
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
      <Field label="Brand name" hint="Your workspace; you can invite your team next." required error={fieldErrors.companyName}>
        <Input name="companyName" autoComplete="organization" required />
      </Field>
      <Button type="submit" fullWidth loading={pending}>
        Create account
      </Button>
    </form>
  );
}
