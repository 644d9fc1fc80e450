"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

/** Revoking behind a confirmation: the integration using the key stops at its next request. */
export function RevokeApiKey({ tenantSlug, id, name, action }: { tenantSlug: string; id: string; name: string; action: FormAction }) {
  const [state, submit] = useActionState(action, { status: "idle" });
  return (
    <details>
      <summary className="cursor-pointer rounded-control px-2 py-1 text-sm text-red-700 hover:bg-red-50">Revoke…</summary>
      <form action={submit} className="mt-2 space-y-2">
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={id} />
        <p className="text-sm text-fg-muted">Whatever uses “{name}” is refused from its next request. This cannot be undone.</p>
        <SubmitButton variant="danger" size="sm" pendingLabel="Revoking…" aria-label={`Revoke the key ${name}`}>
          Revoke key
        </SubmitButton>
        {state.status === "error" && (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        )}
      </form>
    </details>
  );
}
