"use client";

import { useActionState } from "react";
import { Checkbox } from "@/components/checkbox";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

/** Starts the real run; when the check found broken rows, the user must accept that they are skipped. */
export function RunImportForm({ tenantSlug, importId, broken, action }: { tenantSlug: string; importId: string; broken: number; action: FormAction }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} aria-label="Run the import" className="space-y-4">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="id" value={importId} />
      {state.status === "error" && <FormError title="The import did not start" errors={[state.message]} />}
      {broken > 0 && (
        <Checkbox
          name="skipInvalid"
          label={`Skip the ${broken.toLocaleString("en")} broken row${broken === 1 ? "" : "s"} listed below`}
          description="They are not imported; everything else is. Or fix the file and upload it again."
        />
      )}
      <SubmitButton pendingLabel="Starting…">Import customers</SubmitButton>
    </form>
  );
}
