"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

/** A deliberate two-step removal: a redeemed reward is archived (its history stays), an unused one deleted. */
export function ArchiveRewardForm({ tenantSlug, rewardId, name, action }: { tenantSlug: string; rewardId: string; name: string; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <details className="rounded-card border border-red-200 bg-red-50/40 p-4">
      <summary className="cursor-pointer text-sm font-medium text-red-800">Remove this reward…</summary>
      <form action={formAction} className="mt-3 space-y-3">
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={rewardId} />
        <p className="text-sm text-fg-muted">
          {name} leaves the catalogue. If it was ever redeemed it is archived, so its redemptions and points history stay; otherwise it is deleted with its
          unclaimed codes.
        </p>
        {state.status === "error" && <FormError errors={[state.message]} />}
        <SubmitButton variant="danger" pendingLabel="Removing…">
          Remove {name}
        </SubmitButton>
      </form>
    </details>
  );
}
