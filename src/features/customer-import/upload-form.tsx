"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/button";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";

/**
 * Picks a CSV and sends its bytes as they are (`text/csv`) to the upload route, which checks the
 * encoding and header and stores it; then opens the import's page to map the columns. A file is
 * sent as a request body, not a server action, because it may be up to 20 MB.
 */
export function ImportUploadForm({ tenantSlug, maxMegabytes }: { tenantSlug: string; maxMegabytes: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(form: HTMLFormElement) {
    const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (!file) {
      setError("Choose a CSV file.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const base = `/api/v1/tenants/${encodeURIComponent(tenantSlug)}/customer-imports`;
      const response = await fetch(`${base}?filename=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: file,
      });
      const answer = (await response.json()) as { id?: string; detail?: string };
      if (!response.ok || !answer.id) {
        setError(answer.detail ?? `The upload failed (${response.status}).`);
        return;
      }
      router.push(`/t/${tenantSlug}/customers/import/${answer.id}`);
    } catch {
      setError("The upload failed: the connection was lost. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label="Upload a customer CSV"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        void upload(event.currentTarget);
      }}
    >
      {error && <FormError title="The file was not accepted" errors={[error]} />}
      <Field label="CSV file" hint={`UTF-8 text with a header row, up to ${maxMegabytes} MB. Nothing is imported until you have checked it.`}>
        <input
          type="file"
          name="file"
          accept=".csv,text/csv"
          className="block w-full text-sm text-fg-muted file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm file:font-medium"
        />
      </Field>
      <Button type="submit" loading={busy}>
        {busy ? "Uploading…" : "Upload"}
      </Button>
    </form>
  );
}
