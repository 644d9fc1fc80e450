"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

/** Marks one feedback answer handled; the server decides and a second click is answered "already handled". */
export function MarkHandledButton({ tenantSlug, feedbackId, action }: { tenantSlug: string; feedbackId: string; action: FormAction }) {
  const [state, mark] = useActionState(action, { status: "idle" });
  return (
    <form action={mark} className="flex flex-col gap-1 sm:items-end">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="id" value={feedbackId} />
      <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
        Mark handled
      </SubmitButton>
      {state.status === "ok" && state.message && (
        <p role="status" className="text-xs text-emerald-800">
          {state.message}
        </p>
      )}
      {state.status === "error" && (
        <p role="alert" className="text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
