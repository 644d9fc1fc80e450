"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Pause/resume and a confirmed delete for one source row. */
export function SourceRowActions({
  tenantSlug,
  sourceId,
  label,
  enabled,
  toggleAction,
  deleteAction,
}: {
  tenantSlug: string;
  sourceId: string;
  label: string;
  enabled: boolean;
  toggleAction: Action;
  deleteAction: Action;
}) {
  const [toggleState, toggle] = useActionState(toggleAction, { status: "idle" });
  const [deleteState, remove] = useActionState(deleteAction, { status: "idle" });
  const error = toggleState.status === "error" ? toggleState.message : deleteState.status === "error" ? deleteState.message : null;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={toggle}>
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={sourceId} />
        <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
        <SubmitButton variant="secondary" size="sm" pendingLabel={enabled ? "Pausing…" : "Resuming…"} aria-label={`${enabled ? "Pause" : "Resume"} ${label}`}>
          {enabled ? "Pause" : "Resume"}
        </SubmitButton>
      </form>
      <details className="relative">
        <summary className="cursor-pointer rounded-control px-2 py-1 text-sm text-red-700 hover:bg-red-50" aria-label={`Delete ${label}…`}>
          Delete…
        </summary>
        <form action={remove} className="absolute right-0 z-10 mt-1 w-64 space-y-2 rounded-card border border-line bg-surface p-3 text-left shadow-popover">
          <input type="hidden" name="tenant" value={tenantSlug} />
          <input type="hidden" name="id" value={sourceId} />
          <p className="text-sm text-fg-muted">Stop tracking {label}? Mentions already collected stay.</p>
          <SubmitButton variant="danger" size="sm" pendingLabel="Deleting…">
            Delete {label}
          </SubmitButton>
        </form>
      </details>
      {error && (
        <p role="alert" className="w-full text-right text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
