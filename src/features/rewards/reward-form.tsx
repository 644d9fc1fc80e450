"use client";

import { useActionState } from "react";
import { ButtonLink } from "@/components/button-link";
import { Checkbox } from "@/components/checkbox";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import type { RewardDto } from "@/server/modules/rewards/reward.schemas";
import { toUtcInputValue } from "../campaigns/campaign-labels";
import { formKey, remembered, rememberedChecked, type FormAction } from "../forms/remembered";
import { RewardPictureField } from "./reward-picture-field";
import { FULFILMENT_LABELS } from "./reward-labels";

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
const FULFILMENT_OPTIONS = Object.entries(FULFILMENT_LABELS).map(([value, label]) => ({ value, label }));

/**
 * Create or edit a reward. Every field error comes back from the server's zod schema by name, and
 * a refused form keeps what was typed. Times are entered and shown in UTC, like campaigns.
 */
export function RewardForm({
  tenantSlug,
  action,
  reward,
  cancelHref,
  deliveryLocked = false,
  tiers = [],
}: {
  tenantSlug: string;
  action: FormAction;
  reward?: RewardDto;
  cancelHref: string;
  /** The reward has codes or redemptions: its delivery can no longer change. */
  deliveryLocked?: boolean;
  /** The brand's tiers, lowest first, for the minimum-tier choice. */
  tiers?: readonly { id: string; name: string }[];
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const value = (name: string, stored: string) => remembered(state, name, stored);
  const formErrors = state.status === "error" ? [state.message, errors._form].filter((m): m is string => Boolean(m)) : [];
  const fulfilment = value("fulfilment", reward?.fulfilment ?? "MANUAL");
  return (
    <form action={formAction} className="space-y-6" noValidate key={formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {reward && <input type="hidden" name="id" value={reward.id} />}
      <FormError title={formErrors.length ? "The reward was not saved" : undefined} errors={formErrors} />
      <Field label="Name" required hint="What customers see, e.g. “Free coffee”. Unique in this brand." error={errors.name}>
        <Input name="name" defaultValue={value("name", reward?.name ?? "")} autoComplete="off" maxLength={200} />
      </Field>
      <Field label="Description" hint="Optional: what it is and how to use it." error={errors.description}>
        <Textarea name="description" rows={3} defaultValue={value("description", reward?.description ?? "")} maxLength={2000} />
      </Field>
      <RewardPictureField reward={reward} error={errors.picture} removeChecked={rememberedChecked(state, "removePicture", false)} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Cost in points" required error={errors.cost}>
          <Input name="cost" type="number" inputMode="numeric" min={1} step={1} defaultValue={value("cost", text(reward?.cost))} />
        </Field>
        <Field
          label="How it is delivered"
          required
          hint={deliveryLocked ? "Fixed once codes were uploaded or it was redeemed." : undefined}
          error={errors.fulfilment}
        >
          {deliveryLocked ? (
            <Select name="fulfilment" defaultValue={fulfilment} options={FULFILMENT_OPTIONS.filter((o) => o.value === fulfilment)} />
          ) : (
            <Select name="fulfilment" defaultValue={fulfilment} options={FULFILMENT_OPTIONS} />
          )}
        </Field>
        {reward?.fulfilment === "CODE_POOL" ? (
          <Field label="Stock" hint="The codes not yet handed out: upload more above.">
            <Input name="stock" readOnly value={text(reward.stock)} />
          </Field>
        ) : (
          <Field label="Stock" hint="Leave empty for unlimited. A code pool's stock is its unclaimed codes." error={errors.stock}>
            <Input name="stock" type="number" inputMode="numeric" min={0} step={1} defaultValue={value("stock", text(reward?.stock))} />
          </Field>
        )}
        <Field label="Limit per customer" hint="Leave empty for no limit. Cancelled redemptions do not count." error={errors.perCustomerLimit}>
          <Input
            name="perCustomerLimit"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            defaultValue={value("perCustomerLimit", text(reward?.perCustomerLimit))}
          />
        </Field>
        <Field label="Minimum tier" hint="Only customers in this tier or above may redeem it." error={errors.minimumTierId}>
          <Select
            name="minimumTierId"
            defaultValue={value("minimumTierId", reward?.minimumTierId ?? "")}
            options={[{ value: "", label: "Everyone" }, ...tiers.map((tier) => ({ value: tier.id, label: tier.name }))]}
          />
        </Field>
        <Field label="Available from (UTC)" hint="Empty: from now." error={errors.availableFrom}>
          <Input
            name="availableFrom"
            type="datetime-local"
            defaultValue={value("availableFrom", reward?.availableFrom ? toUtcInputValue(reward.availableFrom) : "")}
          />
        </Field>
        <Field label="Available until (UTC)" hint="Empty: no end. Redeeming stops at this instant." error={errors.availableUntil}>
          <Input
            name="availableUntil"
            type="datetime-local"
            defaultValue={value("availableUntil", reward?.availableUntil ? toUtcInputValue(reward.availableUntil) : "")}
          />
        </Field>
      </div>
      <Checkbox
        name="active"
        label="Customers can redeem it"
        description="Untick to pause it without removing it from the catalogue."
        defaultChecked={rememberedChecked(state, "active", reward?.active ?? true)}
      />
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Saving…">{reward ? "Save changes" : "Create reward"}</SubmitButton>
        <ButtonLink href={cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
