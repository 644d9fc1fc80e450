"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

/** "Run a pass now" for one network; the server deduplicates a pass already queued or running. */
export function RunPassForm({ tenantSlug, network, networkLabel, action }: { tenantSlug: string; network: string; networkLabel: string; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="flex flex-col items-start gap-2">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="network" value={network} />
      <SubmitButton variant="secondary" pendingLabel="Queueing…" aria-label={`Run a deletion pass on ${networkLabel} now`}>
        Run a pass now
      </SubmitButton>
      {state.status === "ok" && state.message && (
        <Alert tone="info" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
