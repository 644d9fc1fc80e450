"use client";

import Link from "next/link";
import { useActionState } from "react";
import { ButtonLink } from "@/components/button-link";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import type { CampaignDto, SegmentOption } from "@/server/modules/campaigns/campaign.schemas";
import { formKey, remembered, type FormAction } from "../forms/remembered";
import { CAMPAIGN_NETWORK_LABELS, toUtcInputValue } from "./campaign-labels";

export function CampaignForm({
  tenantSlug,
  action,
  campaign,
  segments,
  cancelHref,
}: {
  tenantSlug: string;
  action: FormAction;
  campaign?: CampaignDto;
  segments: SegmentOption[];
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const value = (name: string, stored: string) => remembered(state, name, stored);
  return (
    <form action={formAction} className="space-y-5" noValidate key={formKey(state)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {campaign && <input type="hidden" name="id" value={campaign.id} />}
      {state.status === "error" && <FormError title="The campaign was not saved" errors={[state.message]} />}
      <Field label="Name" required error={errors.name}>
        <Input name="name" defaultValue={value("name", campaign?.name ?? "")} autoComplete="off" maxLength={100} />
      </Field>
      <Field label="Description" hint="Optional: what the campaign is for." error={errors.description}>
        <Textarea name="description" defaultValue={value("description", campaign?.description ?? "")} rows={2} maxLength={1000} />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Network" error={errors.network}>
          <Select
            name="network"
            defaultValue={value("network", campaign?.network ?? "")}
            options={[{ value: "", label: "All networks" }, ...Object.entries(CAMPAIGN_NETWORK_LABELS).map(([v, label]) => ({ value: v, label }))]}
          />
        </Field>
        <Field label="Multiplier" required hint="Points are multiplied by this inside the window: 1 to 10." error={errors.multiplier}>
          <Input
            name="multiplier"
            type="number"
            inputMode="decimal"
            min={1}
            max={10}
            step={0.01}
            defaultValue={value("multiplier", String(campaign?.multiplier ?? 2))}
          />
        </Field>
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Starts (UTC)" required error={errors.startsAt}>
          <Input name="startsAt" type="datetime-local" defaultValue={value("startsAt", campaign ? toUtcInputValue(campaign.startsAt) : "")} />
        </Field>
        <Field label="Ends (UTC)" required hint="The campaign stops at this moment." error={errors.endsAt}>
          <Input name="endsAt" type="datetime-local" defaultValue={value("endsAt", campaign ? toUtcInputValue(campaign.endsAt) : "")} />
        </Field>
      </div>
      <Field
        label="Segment"
        hint={
          segments.length ? (
            "Only customers in this segment when they earn get the multiplier."
          ) : (
            <>
              No segments yet: the campaign applies to every customer.{" "}
              <Link href={`/t/${tenantSlug}/segments/new`} className="text-brand-700 hover:underline">
                Create a segment
              </Link>
            </>
          )
        }
        error={errors.segmentId}
      >
        <Select
          name="segmentId"
          defaultValue={value("segmentId", campaign?.segment?.id ?? "")}
          options={[{ value: "", label: "Every customer" }, ...segments.map((s) => ({ value: s.id, label: s.name }))]}
        />
      </Field>
      <div className="flex gap-3">
        <SubmitButton pendingLabel="Saving…">{campaign ? "Save changes" : "Create campaign"}</SubmitButton>
        <ButtonLink href={cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
