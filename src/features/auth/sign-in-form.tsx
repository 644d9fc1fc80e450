"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { safeRedirectPath } from "@/server/http/safe-redirect";
import { formString } from "@/features/forms/form-text";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "The email or password is incorrect.",
  RATE_LIMITED: "Too many failed attempts. Wait a few minutes, then try again.",
};

/** Email + password sign-in through next-auth's credentials provider. */
export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: formString(form, "email"),
      password: formString(form, "password"),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(MESSAGES[result?.error ?? ""] ?? "Sign-in failed. Try again.");
      return;
    }
    // Checked again here: the browser is what turns "/\t/x" into "//x", so it gets the last word.
    router.push(safeRedirectPath(callbackUrl, window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" noValidate>
      {error && <FormError errors={[error]} />}
      <Field label="Email" required>
        <Input name="email" type="email" autoComplete="email" defaultValue={defaultEmail} required />
      </Field>
      <Field label="Password" required>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" fullWidth loading={pending}>
        Sign in
      </Button>
    </form>
  );
}
