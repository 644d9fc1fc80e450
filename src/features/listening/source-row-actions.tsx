"use client";

import { ToggleAndRemove } from "@/features/forms/toggle-and-remove";
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
  return (
    <ToggleAndRemove
      tenantSlug={tenantSlug}
      id={sourceId}
      enableNext={!enabled}
      align="end"
      toggle={{
        label: enabled ? "Pause" : "Resume",
        pendingLabel: enabled ? "Pausing…" : "Resuming…",
        ariaLabel: `${enabled ? "Pause" : "Resume"} ${label}`,
        action: toggleAction,
      }}
      remove={{
        summary: "Delete…",
        summaryAriaLabel: `Delete ${label}…`,
        warning: `Stop tracking ${label}? Mentions already collected stay.`,
        label: `Delete ${label}`,
        pendingLabel: "Deleting…",
        action: deleteAction,
      }}
    />
  );
}
