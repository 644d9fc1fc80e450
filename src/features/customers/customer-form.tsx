"use client";

import { useActionState } from "react";
import { ButtonLink } from "@/components/button-link";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import type { ActionState } from "@/server/http/action-state";
import type { CustomerDto } from "@/server/modules/customers/customer.schemas";
import { formKey, remembered, rememberedList } from "../forms/remembered";
import { EmailListInput } from "./email-list-input";
import { STAGE_LABELS } from "./stage-labels";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function CustomerForm({ tenantSlug, action, customer, cancelHref }: { tenantSlug: string; action: Action; customer?: CustomerDto; cancelHref: string }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-5" noValidate key={formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {customer && <input type="hidden" name="id" value={customer.id} />}
      {state.status === "error" && <FormError title="The customer was not saved" errors={[state.message]} />}
      <Field label="Name" required error={errors.displayName}>
        <Input name="displayName" defaultValue={remembered(state, "displayName", customer?.displayName ?? "")} autoComplete="off" required maxLength={200} />
      </Field>
      <EmailListInput defaultEmails={rememberedList(state, "emails", customer?.emails.map((e) => e.email) ?? [""])} error={errors.emails} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Phone" hint="Optional, any format." error={errors.phone}>
          <Input name="phone" type="tel" defaultValue={remembered(state, "phone", customer?.phone ?? "")} autoComplete="off" />
        </Field>
        <Field label="External id" hint="The id in your other CRM, if any." error={errors.externalId}>
          <Input name="externalId" defaultValue={remembered(state, "externalId", customer?.externalId ?? "")} autoComplete="off" />
        </Field>
      </div>
      <Field label="Lifecycle stage" error={errors.lifecycleStage}>
        <Select
          name="lifecycleStage"
          defaultValue={remembered(state, "lifecycleStage", customer?.lifecycleStage ?? "CUSTOMER")}
          options={Object.entries(STAGE_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Field>
      <Field label="Notes" error={errors.notes}>
        <Textarea name="notes" defaultValue={remembered(state, "notes", customer?.notes ?? "")} rows={3} maxLength={5000} />
      </Field>
      <div className="flex gap-3">
        <SubmitButton pendingLabel="Saving…">{customer ? "Save changes" : "Create customer"}</SubmitButton>
        <ButtonLink href={cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
