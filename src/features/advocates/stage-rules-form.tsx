"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Checkbox } from "@/components/checkbox";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { StageRules } from "@/server/modules/advocates/stage-rule.schemas";
import { formKey, remembered, rememberedChecked, type FormAction } from "../forms/remembered";

type NumberField = "advocateMinPositiveMentions" | "advocateWindowDays" | "loyalMinPoints" | "loyalWindowDays";

/** The brand's stage rules, for owners and admins (others see StageRulesSummary). */
export function StageRulesForm({ tenantSlug, rules, action }: { tenantSlug: string; rules: StageRules; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const number = (name: NumberField, label: string, hint: string, max: number) => (
    <Field label={label} hint={hint} error={errors[name]} required>
      <Input
        name={name}
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        step={1}
        defaultValue={remembered(state, name, String(rules[name]))}
        className="max-w-32"
      />
    </Field>
  );
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Stage rules" key={state.status === "ok" ? state.message : formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {state.status === "ok" && state.message && (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      )}
      {state.status === "error" && Object.keys(errors).every((k) => k === "_form") && <FormError title="The rules were not saved" errors={[state.message]} />}
      <Checkbox
        name="enabled"
        label="Apply these rules"
        description="Hourly and right after a save. Rules move customers among Customer, Loyal and Advocate only; prospects are left alone, and a stage set by a person holds for 90 days."
        defaultChecked={rememberedChecked(state, "enabled", rules.enabled)}
      />
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-fg">Advocate</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {number("advocateMinPositiveMentions", "At least this many positive mentions", "1 to 1,000", 1000)}
          {number("advocateWindowDays", "In the last (days)", "1 to 365", 365)}
        </div>
        <Checkbox
          name="advocateRequirePromoter"
          label="And their latest NPS answer is a promoter"
          defaultChecked={rememberedChecked(state, "advocateRequirePromoter", rules.advocateRequirePromoter)}
        />
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-fg">Loyal</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {number("loyalMinPoints", "At least this many points earned", "1 to 10,000,000", 10_000_000)}
          {number("loyalWindowDays", "In the last (days)", "1 to 365", 365)}
        </div>
      </fieldset>
      <SubmitButton pendingLabel="Saving…">Save stage rules</SubmitButton>
    </form>
  );
}
