"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import type { ActionState } from "@/server/http/action-state";
import { remembered, rememberedChecked, type FormAction } from "../forms/remembered";

interface Props {
  tenantSlug: string;
  network: string;
  authorExternalId: string;
  defaultText: string;
  action: FormAction;
  /** The brand's connected X account that may post, when the prospect is on X: the form offers posting the reply. */
  replyAs: string | null;
}

/** The invitation text is the member's own (and includes the author's handle): shown only as text, never as markup. */
export function InviteProspectForm({ tenantSlug, network, authorExternalId, defaultText, action, replyAs }: Props) {
  const [state, formAction] = useActionState(
    async (previous: ActionState, form: FormData) => {
      const next = await action(previous, form);
      const text = form.get("text");
      // Copy only what was recorded; a browser without clipboard access still has the record.
      if (next.status === "ok" && typeof text === "string" && form.get("postAsReply") !== "on")
        await navigator.clipboard?.writeText(text).catch(() => undefined);
      return next;
    },
    { status: "idle" } as ActionState,
  );
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="network" value={network} />
      <input type="hidden" name="authorExternalId" value={authorExternalId} />
      {state.status === "ok" && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && <FormError title="The invitation was not recorded" errors={[state.message]} />}
      <Field
        label="Invitation (reply or DM)"
        hint={
          replyAs
            ? "Edit freely. Post it as the brand's reply, or record it and post it yourself (the text is copied)."
            : "Edit freely. Recording it copies the text; you post it yourself."
        }
        error={errors.text}
      >
        <Textarea name="text" rows={3} maxLength={1000} defaultValue={remembered(state, "text", defaultText)} />
      </Field>
      {replyAs && (
        <label className="flex items-start gap-2 text-sm text-fg">
          <input type="checkbox" name="postAsReply" className="mt-0.5 size-4 shrink-0" defaultChecked={rememberedChecked(state, "postAsReply", false)} />
          <span className="min-w-0 break-words">Post it now as @{replyAs}&apos;s reply under their latest mention (at most 280 characters)</span>
        </label>
      )}
      <SubmitButton variant="secondary" pendingLabel="Recording…">
        Invite to the rewards program
      </SubmitButton>
    </form>
  );
}
