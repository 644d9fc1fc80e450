"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";
import type { FormAction } from "../../forms/remembered";

function Outcome({ state }: { state: ActionState }) {
  if (state.status === "ok" && state.message) return <Alert tone="success">{state.message}</Alert>;
  if (state.status === "error") return <Alert tone="danger">{state.message}</Alert>;
  return null;
}

/** Turns auto-sharing (the posting consent) on or off for one linked account. */
export function AutoSharingToggle({ slug, profileId, on, action }: { slug: string; profileId: string; on: boolean; action: FormAction }) {
  const [state, toggle] = useActionState(action, { status: "idle" });
  return (
    <form action={toggle} className="space-y-2">
      <input type="hidden" name="brand" value={slug} />
      <input type="hidden" name="profileId" value={profileId} />
      <input type="hidden" name="on" value={on ? "false" : "true"} />
      <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…">
        {on ? "Turn auto-sharing off" : "Turn auto-sharing on"}
      </SubmitButton>
      <Outcome state={state} />
    </form>
  );
}

export function UnlinkButton({ slug, profileId, accountName, action }: { slug: string; profileId: string; accountName: string; action: FormAction }) {
  const [state, unlink] = useActionState(action, { status: "idle" });
  return (
    <form action={unlink} className="space-y-2">
      <input type="hidden" name="brand" value={slug} />
      <input type="hidden" name="profileId" value={profileId} />
      <SubmitButton variant="danger" size="sm" pendingLabel="Unlinking…" aria-label={`Unlink ${accountName}`}>
        Unlink
      </SubmitButton>
      <Outcome state={state} />
    </form>
  );
}
