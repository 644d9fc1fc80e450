"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

export type JobAction = (state: ActionState, form: FormData) => Promise<ActionState>;

/**
 * One button acting on one job (retry or discard). `fields` are the hidden inputs the action
 * reads (the tenant's slug on tenant screens); the server checks again whose job it is.
 */
export function JobActionForm({
  action,
  fields,
  label,
  pendingLabel,
  accessibleLabel,
  variant,
}: {
  action: JobAction;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  accessibleLabel: string;
  variant: "secondary" | "ghost";
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} size="sm" pendingLabel={pendingLabel} aria-label={accessibleLabel}>
        {label}
      </SubmitButton>
      {state.status === "error" && (
        <p role="alert" className="max-w-48 text-right text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
