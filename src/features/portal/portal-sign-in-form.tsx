"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

export interface PortalSignInFormProps {
  slug: string;
  /** Where to go once signed in (already checked to be a page of this portal). */
  next: string;
  requestAction: FormAction;
  codeAction: FormAction;
}

/**
 * Passwordless sign-in in two steps on one page: the address (we email a link and a code), then
 * the code, for when the email is read on another device than the one signing in.
 */
export function PortalSignInForm({ slug, next, requestAction, codeAction }: PortalSignInFormProps) {
  const [requested, request] = useActionState(requestAction, { status: "idle" });
  const [entered, enterCode] = useActionState(codeAction, { status: "idle" });
  const [email, setEmail] = useState("");
  const requestErrors = requested.status === "error" ? requested.fieldErrors : {};
  const codeErrors = entered.status === "error" ? entered.fieldErrors : {};

  return (
    <div className="space-y-6">
      <form action={request} className="space-y-4" noValidate>
        <input type="hidden" name="brand" value={slug} />
        {requested.status === "error" && <FormError errors={[requested.message]} />}
        <Field label="Email" required error={requestErrors.email}>
          <Input name="email" type="email" autoComplete="email" inputMode="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </Field>
        <SubmitButton fullWidth pendingLabel="Sending…" variant={requested.status === "ok" ? "secondary" : "primary"}>
          {requested.status === "ok" ? "Send another email" : "Email me a sign-in link"}
        </SubmitButton>
      </form>

      {requested.status === "ok" && (
        <>
          <Alert tone="success" role="status">
            {requested.message}
          </Alert>
          <form action={enterCode} className="space-y-4" noValidate>
            <input type="hidden" name="brand" value={slug} />
            <input type="hidden" name="next" value={next} />
            <input type="hidden" name="email" value={email} />
            {entered.status === "error" && <FormError errors={[entered.message]} />}
            <Field label="Code from the email" required error={codeErrors.code} hint="8 digits. Open the link instead if you read the email on this device.">
              <Input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 -]*" maxLength={12} required />
            </Field>
            <SubmitButton fullWidth pendingLabel="Checking…">
              Sign in with the code
            </SubmitButton>
          </form>
        </>
      )}
    </div>
  );
}
