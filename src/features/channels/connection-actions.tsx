"use client";

import { ToggleAndRemove } from "@/features/forms/toggle-and-remove";
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
  return (
    <ToggleAndRemove
      tenantSlug={tenantSlug}
      id={connectionId}
      enableNext={disabled}
      toggle={{ label: disabled ? `Enable ${networkLabel}` : `Disable ${networkLabel}`, pendingLabel: "Saving…", action: toggleAction }}
      remove={{
        summary: "Remove…",
        warning: `The stored credentials are deleted. ${networkLabel} sources stop until new ones are saved.`,
        label: `Remove ${networkLabel} credentials`,
        pendingLabel: "Removing…",
        action: deleteAction,
      }}
    />
  );
}
