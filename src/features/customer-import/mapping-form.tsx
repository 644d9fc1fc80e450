"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS, type ImportField } from "@/server/modules/customer-import/customer-import.schemas";

const HINTS: Partial<Record<ImportField, string>> = {
  externalId: "Your other system's id: matched first, so a re-run updates instead of duplicating.",
  emails: "Several per cell separated by ; , or spaces; matched when the external id is not.",
  lifecycleStage: "PROSPECT, CUSTOMER, LOYAL or ADVOCATE (any case).",
};

/** One select per customer field, listing the file's headers; saving it runs the dry run. */
export function MappingForm({
  tenantSlug,
  importId,
  headers,
  mapping,
  action,
}: {
  tenantSlug: string;
  importId: string;
  headers: string[];
  mapping: Record<string, number> | null;
  action: FormAction;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const options = headers.map((h, i) => ({ value: String(i), label: h }));
  return (
    <form action={formAction} aria-label="Map columns" className="space-y-4">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="id" value={importId} />
      {state.status === "error" && <FormError title="The check did not start" errors={[state.message]} />}
      <div className="grid gap-4 sm:grid-cols-2">
        {IMPORT_FIELDS.map((field) => {
          const required = REQUIRED_IMPORT_FIELDS.includes(field);
          return (
            <Field key={field} label={IMPORT_FIELD_LABELS[field]} hint={HINTS[field]} required={required}>
              <Select
                name={field}
                defaultValue={mapping?.[field] === undefined ? "" : String(mapping[field])}
                options={options}
                placeholder={required ? "Choose a column…" : "— not imported —"}
              />
            </Field>
          );
        })}
      </div>
      <SubmitButton pendingLabel="Starting…">Check the file (dry run)</SubmitButton>
    </form>
  );
}
