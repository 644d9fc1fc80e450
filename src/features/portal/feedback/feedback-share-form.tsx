"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import { remembered, type FormAction } from "../../forms/remembered";

export interface FeedbackShareFormProps {
  slug: string;
  responseId: string;
  networkLabel: string;
  handle: string;
  maxLength: number | null;
  text: string;
  points: number;
  action: FormAction;
}

/** A promoter's ready-made post, editable within the network's limit; counted in code points as the network counts them. */
export function FeedbackShareForm({ slug, responseId, networkLabel, handle, maxLength, text, points, action }: FeedbackShareFormProps) {
  const [state, share] = useActionState(action, { status: "idle" });
  const [draft, setDraft] = useState(() => remembered(state, "text", text));
  if (state.status === "ok") {
    return (
      <Alert tone="success" title="Sharing">
        {state.message}
      </Alert>
    );
  }
  const errors = state.status === "error" ? state.fieldErrors : {};
  const length = [...draft].length;
  return (
    <form action={share} className="space-y-3" noValidate>
      <input type="hidden" name="brand" value={slug} />
      <input type="hidden" name="responseId" value={responseId} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <Field
        label={`Your post on ${networkLabel}`}
        hint={maxLength !== null ? `${length} of ${maxLength} characters. Change it as you like.` : "Change it as you like."}
        error={errors.text}
      >
        <Textarea name="text" rows={4} value={draft} onChange={(event) => setDraft(event.target.value)} />
      </Field>
      <p className="text-sm text-fg-muted">
        {points > 0
          ? `Posted as @${handle}; once it is live you earn ${points} points for sharing.`
          : `Posted as @${handle}. (Sharing earns no points at the moment.)`}
      </p>
      <SubmitButton fullWidth pendingLabel="Sharing…" disabled={maxLength !== null && length > maxLength}>
        Share on {networkLabel}
      </SubmitButton>
    </form>
  );
}
