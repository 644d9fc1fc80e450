"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function RetryJobForm({ tenantSlug, queue, jobId, name, action }: { tenantSlug: string; queue: string; jobId: string; name: string; action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="queue" value={queue} />
      <input type="hidden" name="jobId" value={jobId} />
      <SubmitButton variant="secondary" size="sm" pendingLabel="Retrying…" aria-label={`Retry ${name} job ${jobId}`}>
        Retry
      </SubmitButton>
      {state.status === "error" && (
        <p role="alert" className="text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
