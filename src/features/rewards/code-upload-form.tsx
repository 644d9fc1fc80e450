"use client";

import { useActionState, useRef } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import type { FormAction } from "../forms/remembered";

/**
 * Adds codes to a pool: paste them, or pick a CSV file (its text is read in the browser and put in
 * the box, so what is sent is what staff see). The server answers with what it added and every
 * line it did not.
 */
export function CodeUploadForm({ tenantSlug, rewardId, action }: { tenantSlug: string; rewardId: string; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const box = useRef<HTMLTextAreaElement>(null);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="id" value={rewardId} />
      {state.status === "ok" && state.message && (
        <Alert tone="success" role="status" title="Codes uploaded">
          <span data-testid="upload-summary">{state.message}</span>
        </Alert>
      )}
      {state.status === "error" && <FormError title="The codes were not added" errors={[state.message, ...Object.values(state.fieldErrors)]} />}
      <Field label="CSV file" hint="One code per line, or a CSV whose first column is the code (a “code” header is skipped).">
        <input
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          className="block w-full text-sm text-fg-muted file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm file:font-medium"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) {
              void file.text().then((text) => {
                if (box.current) box.current.value = text;
              });
            }
          }}
        />
      </Field>
      <Field label="Codes" hint="Or paste them here, one per line.">
        <Textarea ref={box} name="codes" rows={6} className="font-mono text-sm" spellCheck={false} autoComplete="off" />
      </Field>
      <SubmitButton pendingLabel="Uploading…">Add codes</SubmitButton>
    </form>
  );
}
