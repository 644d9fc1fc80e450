"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { formKey, remembered, type FormAction } from "../forms/remembered";

const EXPIRY = [
  { value: "", label: "Never (until revoked)" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
];

function submittedScopes(state: Awaited<ReturnType<FormAction>>): Set<string> {
  if (state.status !== "error" || !state.values) return new Set();
  const value = state.values.scopes;
  return new Set(value === undefined ? [] : Array.isArray(value) ? value : [value]);
}

/** Name, scopes per resource group and expiry; the new secret is shown once, above the form. */
export function CreateApiKeyForm({ tenantSlug, groups, action }: { tenantSlug: string; groups: { group: string; label: string }[]; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const checked = submittedScopes(state);
  return (
    <div className="space-y-4">
      {state.status === "ok" && state.reveal && (
        <Alert tone="success" role="status" title={state.message}>
          <code data-testid="new-api-key" className="mt-2 block break-all rounded-control bg-surface px-3 py-2 font-mono text-sm select-all">
            {state.reveal}
          </code>
        </Alert>
      )}
      <form
        action={formAction}
        className="space-y-4"
        noValidate
        key={state.status === "ok" ? (state.reveal ?? "") : formKey(state)}
        aria-label="Create an API key"
      >
        <input type="hidden" name="tenant" value={tenantSlug} />
        {state.status === "error" && <FormError title="The key was not created" errors={[state.message]} />}
        <Field label="Name" hint="Where it is used, e.g. “POS sync”." error={errors.name} required>
          <Input name="name" maxLength={100} defaultValue={remembered(state, "name", "")} className="w-full max-w-md" />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-fg">Scopes</legend>
          <p className="text-xs text-fg-muted">Write includes read. A key never does more than your own role allows.</p>
          <div className="grid gap-2 sm:grid-cols-2">
            {groups.map(({ group, label }) => (
              <div key={group} className="min-w-0 rounded-control border border-line p-3">
                <p className="text-sm font-medium">{label}</p>
                <div className="mt-1 flex flex-wrap gap-4 text-sm">
                  {(["read", "write"] as const).map((access) => (
                    <label key={access} className="inline-flex items-center gap-2">
                      <input type="checkbox" name="scopes" value={`${group}:${access}`} defaultChecked={checked.has(`${group}:${access}`)} />
                      {access === "read" ? "Read" : "Write"}
                      <span className="sr-only"> {label}</span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </div>
          {errors.scopes && (
            <p className="text-sm text-red-700" role="alert">
              {errors.scopes}
            </p>
          )}
        </fieldset>
        <Field label="Expires" error={errors.expiresInDays}>
          <Select name="expiresInDays" defaultValue={remembered(state, "expiresInDays", "")} options={EXPIRY} className="w-full max-w-xs" />
        </Field>
        <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
      </form>
    </div>
  );
}
