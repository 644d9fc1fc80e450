"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

function Outcome({ state, refusedTitle }: { state: Awaited<ReturnType<FormAction>>; refusedTitle: string }) {
  if (state.status === "ok" && state.message) {
    return (
      <Alert tone="success" role="status">
        {state.message}
      </Alert>
    );
  }
  if (state.status === "error") return <FormError title={refusedTitle} errors={[state.fieldErrors.logo ?? state.message]} />;
  return null;
}

/** Upload a new logo (PNG, JPEG, WebP or GIF up to maxMegabytes), and remove the current one. */
export function BrandLogoForm({
  tenantSlug,
  hasLogo,
  maxMegabytes,
  uploadAction,
  removeAction,
}: {
  tenantSlug: string;
  hasLogo: boolean;
  maxMegabytes: number;
  uploadAction: FormAction;
  removeAction: FormAction;
}) {
  const [uploaded, upload] = useActionState(uploadAction, { status: "idle" });
  const [removed, remove] = useActionState(removeAction, { status: "idle" });
  return (
    <div className="space-y-4">
      <Outcome state={uploaded} refusedTitle="The logo was not saved" />
      <Outcome state={removed} refusedTitle="The logo was not removed" />
      <form action={upload} className="flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" name="tenant" value={tenantSlug} />
        <Field label={hasLogo ? "Replace the logo" : "Logo"} hint={`PNG, JPEG, WebP or GIF, up to ${maxMegabytes} MB. SVG is not accepted.`}>
          <input
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            className="block text-sm file:mr-3 file:rounded-md file:border file:border-line-strong file:bg-surface file:px-3 file:py-1.5 file:text-sm"
          />
        </Field>
        <SubmitButton pendingLabel="Uploading…">Upload logo</SubmitButton>
      </form>
      {hasLogo && (
        <form action={remove}>
          <input type="hidden" name="tenant" value={tenantSlug} />
          <SubmitButton variant="danger" pendingLabel="Removing…">
            Remove logo
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
