"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function MergeConfirmForm({
  tenantSlug,
  customerId,
  survivorId,
  survivorName,
  action,
}: {
  tenantSlug: string;
  customerId: string;
  survivorId: string;
  survivorName: string;
  action: Action;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="mt-4 space-y-3">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="survivorId" value={survivorId} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <SubmitButton variant="danger" pendingLabel="Merging…" className="max-w-full">
        <span className="truncate">Merge into {survivorName}</span>
      </SubmitButton>
    </form>
  );
}
