"use client";

import { useActionState } from "react";
import { Checkbox } from "@/components/checkbox";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import { remembered, rememberedChecked, type FormAction } from "../forms/remembered";

export interface JoinFormProps {
  slug: string;
  next: string;
  brandName: string;
  email: string;
  terms: string[];
  action: FormAction;
}

/** First visit of a verified address: a name and the program terms, nothing more. */
export function JoinForm({ slug, next, brandName, email, terms, action }: JoinFormProps) {
  const [state, join] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={join} className="space-y-4" noValidate>
      <input type="hidden" name="brand" value={slug} />
      <input type="hidden" name="next" value={next} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <p className="text-sm text-fg-muted">
        Joining as <strong className="font-medium break-all text-fg">{email}</strong>
      </p>
      <Field label="Your name" required error={errors.displayName} hint={`How ${brandName} will address you.`}>
        <Input name="displayName" autoComplete="name" maxLength={80} required defaultValue={remembered(state, "displayName", "")} />
      </Field>
      <div className="space-y-2 rounded-card border border-line bg-surface-muted p-4 text-sm text-fg-muted">
        <p className="font-medium text-fg">The program terms</p>
        <ul className="list-disc space-y-1 pl-5">
          {terms.map((term) => (
            <li key={term}>{term}</li>
          ))}
        </ul>
      </div>
      <Checkbox
        name="acceptTerms"
        label="I accept the program terms"
        error={errors.acceptTerms}
        defaultChecked={rememberedChecked(state, "acceptTerms", false)}
      />
      <SubmitButton fullWidth pendingLabel="Joining…">
        Join {brandName} rewards
      </SubmitButton>
    </form>
  );
}
