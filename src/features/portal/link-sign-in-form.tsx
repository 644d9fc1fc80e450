"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

/**
 * The emailed link opens this page; signing in takes a click. A GET never spends the link, so a
 * mail scanner that opens every link cannot use it up before the customer does.
 */
export function LinkSignInForm({ slug, token, brandName, action }: { slug: string; token: string; brandName: string; action: FormAction }) {
  const [state, signIn] = useActionState(action, { status: "idle" });
  return (
    <form action={signIn} className="space-y-4">
      <input type="hidden" name="brand" value={slug} />
      <input type="hidden" name="token" value={token} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <SubmitButton fullWidth pendingLabel="Signing in…">
        Continue to {brandName} rewards
      </SubmitButton>
    </form>
  );
}
