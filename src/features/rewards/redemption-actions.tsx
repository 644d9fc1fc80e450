"use client";

import { useActionState } from "react";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";
import type { RedemptionStatus } from "@/server/modules/rewards/reward.schemas";
import type { FormAction } from "../forms/remembered";

function Result({ state }: { state: ActionState }) {
  if (state.status === "ok" && state.message)
    return (
      <p role="status" className="text-xs text-emerald-800">
        {state.message}
      </p>
    );
  if (state.status === "error") {
    return (
      <p role="alert" className="text-xs text-red-700">
        {[state.message, ...Object.values(state.fieldErrors)].join(" ")}
      </p>
    );
  }
  return null;
}

/**
 * Fulfil (a pending one) and cancel with a reason (pending or fulfilled; gives the points back).
 * The server decides; a second click is answered "already …" and changes nothing.
 */
export function RedemptionActions({
  tenantSlug,
  redemptionId,
  status,
  filter,
  canFulfil,
  canCancel,
  fulfilAction,
  cancelAction,
}: {
  tenantSlug: string;
  redemptionId: string;
  status: RedemptionStatus;
  /** The list's status filter, so the answer comes back to the same list. */
  filter: RedemptionStatus | undefined;
  canFulfil: boolean;
  canCancel: boolean;
  fulfilAction: FormAction;
  cancelAction: FormAction;
}) {
  const [fulfilled, fulfil] = useActionState(fulfilAction, { status: "idle" });
  const [cancelled, cancel] = useActionState(cancelAction, { status: "idle" });
  if (status === "CANCELLED") return null;
  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      {canFulfil && status === "PENDING" && (
        <form action={fulfil} className="flex flex-col gap-1 sm:items-end">
          <input type="hidden" name="tenant" value={tenantSlug} />
          <input type="hidden" name="id" value={redemptionId} />
          <input type="hidden" name="filter" value={filter ?? ""} />
          <SubmitButton size="sm" pendingLabel="Saving…">
            Mark fulfilled
          </SubmitButton>
          <Result state={fulfilled} />
        </form>
      )}
      {canCancel && (
        <details className="text-left">
          <summary className="cursor-pointer text-sm text-red-800">Cancel…</summary>
          <form action={cancel} className="mt-2 flex flex-col gap-2">
            <input type="hidden" name="tenant" value={tenantSlug} />
            <input type="hidden" name="id" value={redemptionId} />
            <input type="hidden" name="filter" value={filter ?? ""} />
            <label className="text-xs text-fg-muted" htmlFor={`reason-${redemptionId}`}>
              Reason (the customer gets the points back)
            </label>
            <Input id={`reason-${redemptionId}`} name="reason" maxLength={500} autoComplete="off" />
            <SubmitButton size="sm" variant="danger" pendingLabel="Cancelling…">
              Cancel and refund
            </SubmitButton>
            <Result state={cancelled} />
          </form>
        </details>
      )}
    </div>
  );
}
