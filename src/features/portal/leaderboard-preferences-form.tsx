"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Checkbox } from "@/components/checkbox";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import { remembered, rememberedChecked, type FormAction } from "../forms/remembered";

/** The name the customer shows on the board, and whether they appear at all. */
export function LeaderboardPreferencesForm({
  slug,
  displayName,
  optOut,
  action,
}: {
  slug: string;
  displayName: string | null;
  optOut: boolean;
  action: FormAction;
}) {
  const [state, save] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={save} className="space-y-4" noValidate>
      <input type="hidden" name="brand" value={slug} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      {state.status === "ok" && state.message && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      <Field
        label="Name on the leaderboard"
        hint="2 to 30 letters, digits, spaces or . _ - '. Leave it empty to appear as “An advocate”."
        error={errors.displayName}
      >
        <Input name="displayName" maxLength={30} autoComplete="nickname" defaultValue={remembered(state, "displayName", displayName ?? "")} />
      </Field>
      <Checkbox
        name="optOut"
        label="Keep me off the leaderboard"
        description="You still earn and spend points; nobody sees your place."
        defaultChecked={rememberedChecked(state, "optOut", optOut)}
        error={errors.optOut}
      />
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
    </form>
  );
}
