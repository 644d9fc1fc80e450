"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

interface OneActionProps {
  tenantSlug: string;
  fields: Record<string, string>;
  action: FormAction;
  label: string;
  pendingLabel: string;
  ariaLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  /** Shown, with a confirm button, behind a "…" summary first (for what cannot be undone). */
  confirm?: { summary: string; warning: string };
}

/** One server action as a button (optionally behind a confirmation), with its outcome shown under it. */
export function WebhookActionButton({ tenantSlug, fields, action, label, pendingLabel, ariaLabel, variant = "secondary", confirm }: OneActionProps) {
  const [state, submit] = useActionState(action, { status: "idle" });
  const form = (
    <form action={submit} className={confirm ? "mt-2 space-y-2" : undefined}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirm && <p className="text-sm text-fg-muted">{confirm.warning}</p>}
      <SubmitButton variant={variant} size="sm" pendingLabel={pendingLabel} {...(ariaLabel ? { "aria-label": ariaLabel } : {})}>
        {label}
      </SubmitButton>
    </form>
  );
  return (
    <div className="min-w-0 space-y-2">
      {confirm ? (
        <details>
          <summary className="cursor-pointer rounded-control px-2 py-1 text-sm text-red-700 hover:bg-red-50">{confirm.summary}</summary>
          {form}
        </details>
      ) : (
        form
      )}
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      {state.status === "ok" && state.reveal && (
        <Alert tone="success" role="status" title={state.message}>
          <code data-testid="webhook-secret" className="mt-2 block break-all rounded-control bg-surface px-3 py-2 font-mono text-sm select-all">
            {state.reveal}
          </code>
        </Alert>
      )}
      {state.status === "ok" && !state.reveal && state.message && (
        <p role="status" className="text-sm text-fg-muted">
          {state.message}
        </p>
      )}
    </div>
  );
}
