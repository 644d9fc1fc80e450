"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";
import { formKey, remembered } from "../forms/remembered";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function InviteMemberForm({ tenantSlug, roles, action }: { tenantSlug: string; roles: string[]; action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate key={state.status === "ok" ? state.message : formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {state.status === "ok" && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && <FormError errors={[state.message]} />}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <Field label="Email" required error={errors.email}>
          <Input name="email" type="email" autoComplete="off" required defaultValue={remembered(state, "email", "")} />
        </Field>
        <Field label="Role" error={errors.role}>
          <Select
            name="role"
            defaultValue={remembered(state, "role", "MARKETER")}
            options={roles.map((r) => ({ value: r, label: r.charAt(0) + r.slice(1).toLowerCase() }))}
          />
        </Field>
      </div>
      <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
    </form>
  );
}
