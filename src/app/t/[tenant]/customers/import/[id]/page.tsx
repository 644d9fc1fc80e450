import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { AutoRefresh } from "@/features/customer-import/auto-refresh";
import { ImportCounts, ImportErrors, ImportProgress } from "@/features/customer-import/import-results";
import { ImportStatusBadge } from "@/features/customer-import/import-status";
import { MappingForm } from "@/features/customer-import/mapping-form";
import { RunImportForm } from "@/features/customer-import/run-form";
import { isAppError } from "@/server/errors";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { getCustomerImport } from "@/server/modules/customer-import/customer-import.service";
import { startImportCheckAction, startImportRunAction } from "../actions";

export const metadata = { title: "Import customers" };

export default async function CustomerImportPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/customers/import/${id}`);
  requirePermission(can, "customers:write");
  const data = await getCustomerImport(ctx, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const running = data.status === "CHECKING" || data.status === "IMPORTING";
  const mappable = data.status === "UPLOADED" || data.status === "CHECKED";
  return (
    <>
      <PageHeader
        title={`Import ${data.fileName}`}
        description={`${(data.byteSize / 1024).toFixed(1)} KB, ${data.headers.length} columns.`}
        actions={<ImportStatusBadge status={data.status} />}
      />
      {running && <AutoRefresh />}
      <div className="space-y-6">
        {data.status === "FAILED" && (
          <Alert tone="danger" role="alert" title={data.startedAt && data.processed > 0 ? "The import stopped" : "The file was refused; nothing was imported"}>
            {data.fileError}
          </Alert>
        )}
        {running && (
          <Card title={data.status === "CHECKING" ? "Checking the file…" : "Importing…"}>
            <div className="space-y-2">
              <ImportProgress data={data} />
              <p className="text-sm text-fg-muted">
                It runs in the background and this page follows it. If it does not move for minutes, its job is listed under{" "}
                <Link className="text-brand-700 underline" href={`/t/${slug}/settings/queues`}>
                  Settings → Queues
                </Link>
                .
              </p>
            </div>
          </Card>
        )}
        {data.status === "CHECKED" && (
          <Card title="Dry run" description="What the import would do. Nothing has been written yet.">
            <div className="space-y-4">
              <ImportCounts data={data} dryRun />
              <ImportErrors data={data} />
              <RunImportForm tenantSlug={slug} importId={data.id} broken={data.failed} action={startImportRunAction} />
            </div>
          </Card>
        )}
        {data.status === "IMPORTED" && (
          <Card title="Imported" description={data.finishedAt ? `Finished ${data.finishedAt.slice(0, 19).replace("T", " ")} UTC.` : undefined}>
            <div className="space-y-4">
              <ImportCounts data={data} dryRun={false} />
              <ImportErrors data={data} />
              <Link className="text-sm font-medium text-brand-700 underline" href={`/t/${slug}/customers`}>
                See the customers
              </Link>
            </div>
          </Card>
        )}
        {mappable && (
          <Card title="Columns" description="Which column of the file fills which customer field. Empty cells leave a customer's field as it is.">
            <MappingForm tenantSlug={slug} importId={data.id} headers={data.headers} mapping={data.mapping} action={startImportCheckAction} />
          </Card>
        )}
        <Link className="text-sm text-brand-700 underline" href={`/t/${slug}/customers/import`}>
          Upload another file
        </Link>
      </div>
    </>
  );
}
