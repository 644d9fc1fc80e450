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

export function AddLocationForm({ tenantSlug, action }: { tenantSlug: string; action: Action }) {
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
      {state.status === "error" && <FormError title="The location was not added" errors={[state.message]} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" required error={errors.name}>
          <Input name="name" defaultValue={remembered(state, "name", "")} autoComplete="off" required maxLength={200} />
        </Field>
        <Field label="Foursquare venue" hint="Venue id or foursquare.com URL; check-ins there are linked to this location." error={errors.foursquareVenueId}>
          <Input name="foursquareVenueId" defaultValue={remembered(state, "foursquareVenueId", "")} autoComplete="off" maxLength={300} />
        </Field>
        <Field label="Address" error={errors.address}>
          <Input name="address" defaultValue={remembered(state, "address", "")} autoComplete="off" maxLength={300} />
        </Field>
        <Field label="City" error={errors.city}>
          <Input name="city" defaultValue={remembered(state, "city", "")} autoComplete="off" maxLength={100} />
        </Field>
      </div>
      <SubmitButton pendingLabel="Adding…">Add location</SubmitButton>
    </form>
  );
}
