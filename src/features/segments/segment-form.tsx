"use client";

import { useActionState } from "react";
import { ButtonLink } from "@/components/button-link";
import { Checkbox } from "@/components/checkbox";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { SegmentDto } from "@/server/modules/segments/segment.schemas";
import type { TierDto } from "@/server/modules/tiers/tier.schemas";
import { SENTIMENT_FILTERS } from "../customers/sentiment-labels";
import { STAGE_LABELS } from "../customers/stage-labels";
import { formKey, remembered, rememberedList, type FormAction } from "../forms/remembered";
import { NPS_CLASS_LABELS } from "./segment-labels";

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** A group of checkboxes with one legend, hint and error (a Field holds one control only). */
function CheckboxGroup({
  legend,
  hint,
  error,
  name,
  labels,
  checked,
}: {
  legend: string;
  hint: string;
  error: string | undefined;
  name: string;
  labels: Record<string, string>;
  checked: string[];
}) {
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${hintId} ${errorId}` : hintId} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-fg">{legend}</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {Object.entries(labels).map(([value, label]) => (
          <Checkbox key={value} name={name} value={value} label={label} defaultChecked={checked.includes(value)} />
        ))}
      </div>
      <p id={hintId} className="text-[13px] leading-5 text-fg-subtle">
        {hint}
      </p>
      {error && (
        <p id={errorId} className="text-[13px] leading-5 text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A locked fieldset submits nothing: these carry the stored conditions unchanged, so only the name can change. */
function StoredFilterInputs({ filter }: { filter: SegmentDto["filter"] }) {
  return (
    <>
      {filter.lifecycleStages.map((s) => (
        <input key={s} type="hidden" name="lifecycleStages" value={s} />
      ))}
      {filter.sentimentLabels.map((s) => (
        <input key={s} type="hidden" name="sentimentLabels" value={s} />
      ))}
      {filter.npsClasses.map((s) => (
        <input key={s} type="hidden" name="npsClasses" value={s} />
      ))}
      <input type="hidden" name="search" value={filter.search ?? ""} />
      <input type="hidden" name="minFollowers" value={text(filter.minFollowers)} />
      <input type="hidden" name="minPoints" value={text(filter.minPoints)} />
      <input type="hidden" name="minLifetimeEarned" value={text(filter.minLifetimeEarned)} />
      <input type="hidden" name="tierId" value={filter.tierId ?? ""} />
    </>
  );
}

/**
 * Create or edit a segment: a name and at least one condition. A customer must meet every
 * condition; within stages or labels, any checked one will do.
 */
export function SegmentForm({
  tenantSlug,
  action,
  segment,
  cancelHref,
  tiers,
  conditionsLocked = false,
}: {
  tenantSlug: string;
  action: FormAction;
  segment?: SegmentDto;
  cancelHref: string;
  /** The brand's tiers, lowest first (Settings → Tiers). */
  tiers: TierDto[];
  /** A campaign targets the segment and this member may not change who is in it: conditions are shown read-only. */
  conditionsLocked?: boolean;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const value = (name: string, stored: string) => remembered(state, name, stored);
  const filter = segment?.filter;
  const formErrors = state.status === "error" ? [state.message, errors._form, errors.filter].filter((m): m is string => Boolean(m)) : [];
  return (
    <form action={formAction} className="space-y-6" noValidate key={formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {segment && <input type="hidden" name="id" value={segment.id} />}
      <FormError title={formErrors.length ? "The segment was not saved" : undefined} errors={formErrors} />
      <Field label="Name" required hint="Unique in this brand, e.g. “Top influencers”." error={errors.name}>
        <Input name="name" defaultValue={value("name", segment?.name ?? "")} autoComplete="off" maxLength={100} />
      </Field>
      {conditionsLocked && filter && <StoredFilterInputs filter={filter} />}
      <fieldset disabled={conditionsLocked} className="space-y-5 rounded-card border border-line p-4 disabled:opacity-70">
        <legend className="px-1 text-sm font-medium text-fg">Conditions</legend>
        <p className="text-sm text-fg-muted">A customer is in the segment when they meet every condition you set. Leave a condition empty to ignore it.</p>
        <CheckboxGroup
          legend="Lifecycle stage"
          hint="Any of the checked stages; none checked: any stage."
          error={errors.lifecycleStages}
          name="lifecycleStages"
          labels={STAGE_LABELS}
          checked={rememberedList(state, "lifecycleStages", filter?.lifecycleStages ?? [])}
        />
        <CheckboxGroup
          legend="Sentiment (last 90 days)"
          hint="From the customer's recent mentions. Customers without a recent mention have no label: check “No recent mentions” to include them."
          error={errors.sentimentLabels}
          name="sentimentLabels"
          labels={SENTIMENT_FILTERS}
          checked={rememberedList(state, "sentimentLabels", filter?.sentimentLabels ?? [])}
        />
        <CheckboxGroup
          legend="Feedback (would recommend us)"
          hint="From the customer's latest answer to the portal's 0–10 question. Customers who never answered match none."
          error={errors.npsClasses}
          name="npsClasses"
          labels={NPS_CLASS_LABELS}
          checked={rememberedList(state, "npsClasses", filter?.npsClasses ?? [])}
        />
        <Field label="Name, email, phone or external id contains" hint="The customers list's search, e.g. “@acme.com”." error={errors.search}>
          <Input name="search" defaultValue={value("search", filter?.search ?? "")} autoComplete="off" maxLength={200} className="max-w-sm" />
        </Field>
        <div className="grid gap-5 sm:grid-cols-3">
          <Field label="Min followers" hint="On their most followed linked account." error={errors.minFollowers}>
            <Input name="minFollowers" type="number" inputMode="numeric" min={0} step={1} defaultValue={value("minFollowers", text(filter?.minFollowers))} />
          </Field>
          <Field label="Min points balance" hint="Points they hold now." error={errors.minPoints}>
            <Input name="minPoints" type="number" inputMode="numeric" min={0} step={1} defaultValue={value("minPoints", text(filter?.minPoints))} />
          </Field>
          <Field label="Min points earned" hint="Over all time, spent or not." error={errors.minLifetimeEarned}>
            <Input
              name="minLifetimeEarned"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              defaultValue={value("minLifetimeEarned", text(filter?.minLifetimeEarned))}
            />
          </Field>
        </div>
        <Field
          label="Tier"
          hint={tiers.length ? "Their tier now, from points earned in the brand's tier period." : "This brand has no tiers yet (Settings → Tiers)."}
          error={errors.tierId}
        >
          <Select
            name="tierId"
            placeholder="Any tier"
            defaultValue={value("tierId", filter?.tierId ?? "")}
            options={tiers.map((t) => ({ value: t.id, label: `${t.name} (${t.threshold.toLocaleString("en-US")}+ points)` }))}
            className="max-w-sm"
          />
        </Field>
      </fieldset>
      <div className="flex gap-3">
        <SubmitButton pendingLabel="Saving…">{segment ? "Save changes" : "Create segment"}</SubmitButton>
        <ButtonLink href={cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
