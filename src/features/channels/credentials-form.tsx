"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";
import { formKey, remembered } from "../forms/remembered";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export interface CredentialField {
  name: string;
  label: string;
  hint?: string;
  /** Client ids are not secret; everything else is typed into a password input. */
  secret: boolean;
}

/**
 * Sets or replaces one kind of credentials. Inputs are never prefilled (the server never sends a
 * secret back) and the form clears after a save.
 */
export function CredentialsForm({
  tenantSlug,
  network,
  kind,
  fields,
  submitLabel,
  action,
}: {
  tenantSlug: string;
  network: "TWITTER" | "FOURSQUARE";
  kind: string;
  fields: CredentialField[];
  submitLabel: string;
  action: Action;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate autoComplete="off" key={state.status === "ok" ? `ok-${state.message}` : formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="network" value={network} />
      <input type="hidden" name="kind" value={kind} />
      {state.status === "ok" && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && <FormError title="The credentials were not saved" errors={[state.message]} />}
      {fields.map((field) => (
        <Field key={field.name} label={field.label} hint={field.hint} required error={errors[field.name]}>
          <Input
            name={field.name}
            type={field.secret ? "password" : "text"}
            autoComplete={field.secret ? "new-password" : "off"}
            spellCheck={false}
            required
            maxLength={2048}
            // A refused form shows the client id again; secrets are never sent back, so never prefilled.
            defaultValue={field.secret ? undefined : remembered(state, field.name, "")}
          />
        </Field>
      ))}
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
