"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../../forms/remembered";
import { ActionResult } from "./action-result";

/** Unlink on the customer's behalf, behind a disclosure (it revokes the brand's access at the network). */
export function UnlinkAccountForm({
  tenantSlug,
  customerId,
  profileId,
  label,
  action,
}: {
  tenantSlug: string;
  customerId: string;
  profileId: string;
  label: string;
  action: FormAction;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <details className="min-w-0">
      <summary className="cursor-pointer text-sm text-red-800">Unlink…</summary>
      <form action={formAction} className="mt-2 space-y-2">
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="customerId" value={customerId} />
        <input type="hidden" name="profileId" value={profileId} />
        <p className="text-xs text-fg-muted">
          Stops reading this account&apos;s posts and check-ins for the customer and withdraws posting consent. Points already earned stay.
        </p>
        <ActionResult state={state} />
        <SubmitButton size="sm" variant="danger" pendingLabel="Unlinking…" aria-label={`Unlink ${label}`}>
          Unlink
        </SubmitButton>
      </form>
    </details>
  );
}
