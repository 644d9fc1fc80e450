"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import { formKey, remembered, type FormAction } from "../forms/remembered";

/** The link to the brand's own privacy policy, shown under every page of its portal. */
export function PrivacyPolicyForm({ tenantSlug, url, action }: { tenantSlug: string; url: string | null; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate key={state.status === "ok" ? state.message : formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {state.status === "ok" && state.message && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && <FormError title="The link was not changed" errors={[state.message]} />}
      <Field label="Privacy policy address" hint="An https:// address. Leave it empty to show no link." error={errors.privacyPolicyUrl}>
        <Input
          name="privacyPolicyUrl"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://"
          defaultValue={remembered(state, "privacyPolicyUrl", url ?? "")}
        />
      </Field>
      <SubmitButton pendingLabel="Saving…">Save link</SubmitButton>
    </form>
  );
}
