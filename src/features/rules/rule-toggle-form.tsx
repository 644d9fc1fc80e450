"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Enable or disable one rule in place; an error (e.g. the role changed) shows beside the button. */
export function RuleToggleForm({
  tenantSlug,
  ruleId,
  name,
  enabled,
  action,
}: {
  tenantSlug: string;
  ruleId: string;
  name: string;
  enabled: boolean;
  action: Action;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="flex items-center justify-end gap-2">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="id" value={ruleId} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
      <SubmitButton variant="secondary" size="sm" aria-label={`${enabled ? "Disable" : "Enable"} ${name}`} pendingLabel={enabled ? "Disabling…" : "Enabling…"}>
        {enabled ? "Disable" : "Enable"}
      </SubmitButton>
    </form>
  );
}
