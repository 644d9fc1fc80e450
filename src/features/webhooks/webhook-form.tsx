"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";
import { formKey, remembered, type FormAction } from "../forms/remembered";

export interface EventGroup {
  label: string;
  events: readonly { type: string; label: string }[];
}

function chosenEvents(state: ActionState, stored: readonly string[]): Set<string> {
  if (state.status !== "error" || !state.values) return new Set(stored);
  const value = state.values.events;
  return new Set(value === undefined ? [] : Array.isArray(value) ? value : [value]);
}

/**
 * An endpoint's URL, description and events. Creating shows the signing secret once, above the
 * form; editing (with `webhook`) keeps the secret as it is.
 */
export function WebhookForm({
  tenantSlug,
  groups,
  action,
  webhook,
}: {
  tenantSlug: string;
  groups: readonly EventGroup[];
  action: FormAction;
  webhook?: { id: string; url: string; description: string; events: readonly string[] };
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const chosen = chosenEvents(state, webhook?.events ?? []);
  const editing = webhook !== undefined;
  return (
    <div className="space-y-4">
      {state.status === "ok" && state.reveal && (
        <Alert tone="success" role="status" title={state.message}>
          <code data-testid="webhook-secret" className="mt-2 block break-all rounded-control bg-surface px-3 py-2 font-mono text-sm select-all">
            {state.reveal}
          </code>
        </Alert>
      )}
      {state.status === "ok" && !state.reveal && state.message && <Alert tone="success" role="status" title={state.message} />}
      <form
        action={formAction}
        className="space-y-4"
        noValidate
        key={state.status === "ok" ? (state.reveal ?? "saved") : formKey(state)}
        aria-label={editing ? "Edit the endpoint" : "Add an endpoint"}
      >
        <input type="hidden" name="tenant" value={tenantSlug} />
        {webhook && <input type="hidden" name="id" value={webhook.id} />}
        {state.status === "error" && <FormError title={editing ? "The endpoint was not saved" : "The endpoint was not added"} errors={[state.message]} />}
        <Field label="Endpoint URL" hint="Where Megaphone POSTs the events, e.g. https://crm.example.com/hooks/megaphone." error={errors.url} required>
          <Input name="url" type="url" inputMode="url" maxLength={2000} defaultValue={remembered(state, "url", webhook?.url ?? "")} className="w-full" />
        </Field>
        <Field label="Description" hint="What receives it, e.g. “CRM sync”." error={errors.description}>
          <Input name="description" maxLength={200} defaultValue={remembered(state, "description", webhook?.description ?? "")} className="w-full max-w-md" />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-fg">Events</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {groups.map((group) => (
              <div key={group.label} className="min-w-0 rounded-control border border-line p-3">
                <p className="text-sm font-medium">{group.label}</p>
                <div className="mt-1 space-y-1 text-sm">
                  {group.events.map((event) => (
                    <label key={event.type} className="flex items-start gap-2">
                      <input type="checkbox" name="events" value={event.type} defaultChecked={chosen.has(event.type)} className="mt-1" />
                      <span className="min-w-0">
                        {event.label} <code className="font-mono text-xs break-all text-fg-subtle">{event.type}</code>
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </div>
          {errors.events && (
            <p className="text-sm text-red-700" role="alert">
              {errors.events}
            </p>
          )}
        </fieldset>
        <SubmitButton pendingLabel={editing ? "Saving…" : "Adding…"}>{editing ? "Save endpoint" : "Add endpoint"}</SubmitButton>
      </form>
    </div>
  );
}
