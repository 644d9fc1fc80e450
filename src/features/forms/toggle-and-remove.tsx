"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export interface ToggleAndRemoveProps {
  tenantSlug: string;
  id: string;
  /** The `enabled` value the toggle submits (what the row becomes). */
  enableNext: boolean;
  toggle: { label: string; pendingLabel: string; ariaLabel?: string; action: Action };
  remove: { summary: string; summaryAriaLabel?: string; warning: string; label: string; pendingLabel: string; action: Action };
  /** "end": right-aligned row actions whose confirmation opens as a popover (table rows). */
  align?: "start" | "end";
}

/**
 * One row's actions: an enable/disable toggle and a removal behind a confirmation, each a server
 * action that hands back an error to show under them. Shared by every settings list with rows.
 */
export function ToggleAndRemove({ tenantSlug, id, enableNext, toggle, remove, align = "start" }: ToggleAndRemoveProps) {
  const [toggleState, submitToggle] = useActionState(toggle.action, { status: "idle" });
  const [removeState, submitRemove] = useActionState(remove.action, { status: "idle" });
  const error = toggleState.status === "error" ? toggleState.message : removeState.status === "error" ? removeState.message : null;
  const end = align === "end";
  return (
    <div className={`flex flex-wrap items-center gap-2${end ? " justify-end" : ""}`}>
      <form action={submitToggle}>
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="enabled" value={enableNext ? "true" : "false"} />
        <SubmitButton variant="secondary" size="sm" pendingLabel={toggle.pendingLabel} {...(toggle.ariaLabel ? { "aria-label": toggle.ariaLabel } : {})}>
          {toggle.label}
        </SubmitButton>
      </form>
      <details className={end ? "relative" : undefined}>
        <summary
          className="cursor-pointer rounded-control px-2 py-1 text-sm text-red-700 hover:bg-red-50"
          {...(remove.summaryAriaLabel ? { "aria-label": remove.summaryAriaLabel } : {})}
        >
          {remove.summary}
        </summary>
        <form
          action={submitRemove}
          className={
            end ? "absolute right-0 z-10 mt-1 w-64 space-y-2 rounded-card border border-line bg-surface p-3 text-left shadow-popover" : "mt-2 space-y-2"
          }
        >
          <input type="hidden" name="tenant" value={tenantSlug} />
          <input type="hidden" name="id" value={id} />
          <p className="text-sm text-fg-muted">{remove.warning}</p>
          <SubmitButton variant="danger" size="sm" pendingLabel={remove.pendingLabel}>
            {remove.label}
          </SubmitButton>
        </form>
      </details>
      {error && (
        <p role="alert" className={`w-full text-sm text-red-700${end ? " text-right" : ""}`}>
          {error}
        </p>
      )}
    </div>
  );
}
