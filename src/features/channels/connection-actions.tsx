"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Disable/enable and a confirmed removal of one connection. */
export function ConnectionActions({
  tenantSlug,
  connectionId,
  networkLabel,
  disabled,
  toggleAction,
  deleteAction,
}: {
  tenantSlug: string;
  connectionId: string;
  networkLabel: string;
  disabled: boolean;
  toggleAction: Action;
  deleteAction: Action;
}) {
  const [toggleState, toggle] = useActionState(toggleAction, { status: "idle" });
  const [deleteState, remove] = useActionState(deleteAction, { status: "idle" });
  const error = toggleState.status === "error" ? toggleState.message : deleteState.status === "error" ? deleteState.message : null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={toggle}>
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={connectionId} />
        <input type="hidden" name="enabled" value={disabled ? "true" : "false"} />
        <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…">
          {disabled ? `Enable ${networkLabel}` : `Disable ${networkLabel}`}
        </SubmitButton>
      </form>
      <details>
        <summary className="cursor-pointer rounded-control px-2 py-1 text-sm text-red-700 hover:bg-red-50">Remove…</summary>
        <form action={remove} className="mt-2 space-y-2">
          <input type="hidden" name="tenant" value={tenantSlug} />
          <input type="hidden" name="id" value={connectionId} />
          <p className="text-sm text-fg-muted">The stored credentials are deleted. {networkLabel} sources stop until new ones are saved.</p>
          <SubmitButton variant="danger" size="sm" pendingLabel="Removing…">
            Remove {networkLabel} credentials
          </SubmitButton>
        </form>
      </details>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
