"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function JoinAsSignedInForm({ token, tenantName, action }: { token: string; tenantName: string; action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <SubmitButton fullWidth pendingLabel="Joining…">
        Join {tenantName}
      </SubmitButton>
    </form>
  );
}
