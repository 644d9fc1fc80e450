"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";
import type { FormAction } from "../forms/remembered";

export function MarkCustomerForm({
  tenantSlug,
  network,
  authorExternalId,
  action,
}: {
  tenantSlug: string;
  network: string;
  authorExternalId: string;
  action: FormAction;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" } as ActionState);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="network" value={network} />
      <input type="hidden" name="authorExternalId" value={authorExternalId} />
      {state.status === "error" && <FormError title="Not marked as customer" errors={[state.message]} />}
      <SubmitButton variant="secondary" pendingLabel="Creating…">
        Mark as customer
      </SubmitButton>
    </form>
  );
}
