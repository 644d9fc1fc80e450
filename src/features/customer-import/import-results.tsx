import { DataTable } from "@/components/data-table";
import type { CustomerImportDto } from "@/server/modules/customer-import/customer-import.schemas";

/** The counts of the last run (the dry run's are what the real run would do). Cell text is the file's, rendered as text only. */
export function ImportCounts({ data, dryRun }: { data: CustomerImportDto; dryRun: boolean }) {
  const items: [string, string, number][] = [
    ["total", "Rows", data.total],
    ["processed", "Processed", data.processed],
    ["created", dryRun ? "To create" : "Created", data.created],
    ["updated", dryRun ? "To update" : "Updated", data.updated],
    ["unchanged", "Unchanged", data.unchanged],
    ["failed", dryRun ? "Broken" : "Skipped (broken)", data.failed],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {items.map(([key, label, value]) => (
        <div key={key} className="rounded-card border border-line bg-surface p-3">
          <dt className="text-xs text-fg-muted">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`import-${key}`}>
            {value.toLocaleString("en")}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function ImportProgress({ data }: { data: CustomerImportDto }) {
  const max = Math.max(data.total, data.processed, 1);
  return (
    <div className="space-y-1">
      <progress className="h-2 w-full" max={max} value={data.processed} aria-label="Rows processed" />
      <p className="text-sm text-fg-muted" role="status">
        {data.processed.toLocaleString("en")} of {data.total ? data.total.toLocaleString("en") : "?"} rows
      </p>
    </div>
  );
}

export function ImportErrors({ data }: { data: CustomerImportDto }) {
  if (data.failed === 0) return null;
  const shown = data.errors.length;
  return (
    <div className="space-y-2">
      <DataTable
        caption="Broken rows"
        captionVisible
        rows={data.errors}
        rowKey={(e) => `${e.row}:${e.column ?? ""}:${e.message}`}
        columns={[
          { key: "row", header: "Row", align: "right", cell: (e) => e.row, rowHeader: true },
          { key: "column", header: "Column", cell: (e) => e.column ?? "(whole row)" },
          { key: "message", header: "Problem", cell: (e) => e.message },
        ]}
      />
      {shown < data.failed && (
        <p className="text-sm text-fg-muted">
          The first {shown} problems are listed; {data.failed.toLocaleString("en")} rows are broken in all.
        </p>
      )}
    </div>
  );
}
