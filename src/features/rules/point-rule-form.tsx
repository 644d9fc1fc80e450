"use client";

import { useActionState } from "react";
import { ButtonLink } from "@/components/button-link";
import { Checkbox } from "@/components/checkbox";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { PointRuleDto } from "@/server/modules/rules/point-rule.schemas";
import { formKey, remembered, rememberedChecked, type FormAction } from "../forms/remembered";
import { ACTION_LABELS, CURVE_LABELS, NETWORK_LABELS } from "./rule-labels";

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** Create or edit a point rule. Network and action are chosen once, at creation. */
export function PointRuleForm({ tenantSlug, action, rule, cancelHref }: { tenantSlug: string; action: FormAction; rule?: PointRuleDto; cancelHref: string }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const value = (name: string, stored: string) => remembered(state, name, stored);
  return (
    <form action={formAction} className="space-y-5" noValidate key={formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {rule && <input type="hidden" name="id" value={rule.id} />}
      {state.status === "error" && <FormError title="The rule was not saved" errors={[state.message]} />}
      {rule ? (
        <p className="text-sm text-fg-muted">
          {NETWORK_LABELS[rule.network]} · {ACTION_LABELS[rule.action]}{" "}
          <span className="text-fg-subtle">(fixed; create another rule for another channel or action)</span>
        </p>
      ) : (
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Network" required error={errors.network}>
            <Select name="network" defaultValue={value("network", "TWITTER")} options={options(NETWORK_LABELS)} />
          </Field>
          <Field label="Action" required error={errors.action}>
            <Select name="action" defaultValue={value("action", "MENTION")} options={options(ACTION_LABELS)} />
          </Field>
        </div>
      )}
      <Field label="Name" required hint="Unique per network and action, e.g. “Brand mention”." error={errors.name}>
        <Input name="name" defaultValue={value("name", rule?.name ?? "")} autoComplete="off" maxLength={100} />
      </Field>
      <Field label="Base points" required hint="Points for one action before any multiplier: 1 to 10,000." error={errors.basePoints}>
        <Input
          name="basePoints"
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          step={1}
          defaultValue={value("basePoints", text(rule?.basePoints ?? 10))}
        />
      </Field>
      <fieldset className="space-y-4 rounded-card border border-line p-4">
        <legend className="px-1 text-sm font-medium text-fg">Influence</legend>
        <Field label="Influence curve" error={errors.influenceCurve}>
          <Select name="influenceCurve" defaultValue={value("influenceCurve", rule?.influenceCurve ?? "LOG")} options={options(CURVE_LABELS)} />
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label="Influence factor"
            hint="0 to 10. LOG: 1 + factor × log10(1 + followers/100); LINEAR: 1 + factor × followers/1,000."
            error={errors.influenceFactor}
          >
            <Input
              name="influenceFactor"
              type="number"
              inputMode="decimal"
              min={0}
              max={10}
              step={0.01}
              defaultValue={value("influenceFactor", text(rule?.influenceFactor ?? 0.5))}
            />
          </Field>
          <Field label="Max multiplier" hint="The influence multiplier never goes above this: 1 to 20." error={errors.maxMultiplier}>
            <Input
              name="maxMultiplier"
              type="number"
              inputMode="decimal"
              min={1}
              max={20}
              step={0.01}
              defaultValue={value("maxMultiplier", text(rule?.maxMultiplier ?? 3))}
            />
          </Field>
        </div>
      </fieldset>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Daily cap" hint="Most points one customer can earn from this rule per day. Empty: no cap." error={errors.dailyCap}>
          <Input name="dailyCap" type="number" inputMode="numeric" min={1} step={1} defaultValue={value("dailyCap", text(rule?.dailyCap))} />
        </Field>
        <Field
          label="Minimum sentiment"
          hint="From -1 (very negative) to 1 (very positive); mentions below it earn nothing. Empty: any."
          error={errors.minSentiment}
        >
          <Input
            name="minSentiment"
            type="number"
            inputMode="decimal"
            min={-1}
            max={1}
            step={0.01}
            defaultValue={value("minSentiment", text(rule?.minSentiment))}
          />
        </Field>
      </div>
      <Checkbox
        name="enabled"
        label="Enabled"
        description="Disabled rules award nothing; their history stays."
        defaultChecked={rememberedChecked(state, "enabled", rule?.enabled ?? true)}
        error={errors.enabled}
      />
      <div className="flex gap-3">
        <SubmitButton pendingLabel="Saving…">{rule ? "Save changes" : "Create rule"}</SubmitButton>
        <ButtonLink href={cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
