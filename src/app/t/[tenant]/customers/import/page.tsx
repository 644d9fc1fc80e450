import Link from "next/link";
import { Card } from "@/components/card";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { formatUtc } from "@/features/campaigns/campaign-labels";
import { ImportStatusBadge } from "@/features/customer-import/import-status";
import { ImportUploadForm } from "@/features/customer-import/upload-form";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { MAX_IMPORT_BYTES } from "@/server/modules/customer-import/customer-import.schemas";
import { listCustomerImports } from "@/server/modules/customer-import/customer-import.service";

export const metadata = { title: "Import customers" };

export default async function ImportCustomersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const base = `/t/${slug}/customers/import`;
  const { ctx, can } = await requireMember(slug, base);
  requirePermission(can, "customers:write");
  const recent = await listCustomerImports(ctx);
  return (
    <>
      <PageHeader
        title="Import customers"
        description="Upload a CSV from your shop, POS or CRM, map its columns, check it, then import. Customers are matched by external id, then by email: importing the same file again changes nothing."
      />
      <div className="space-y-6">
        <Card className="max-w-2xl">
          <ImportUploadForm tenantSlug={slug} maxMegabytes={MAX_IMPORT_BYTES / 1024 / 1024} />
        </Card>
        <DataTable
          caption="Recent imports"
          captionVisible
          rows={recent}
          rowKey={(r) => r.id}
          empty={<p className="text-sm text-fg-muted">No import yet.</p>}
          columns={[
            {
              key: "file",
              header: "File",
              rowHeader: true,
              cell: (r) => (
                <Link className="text-brand-700 underline" href={`${base}/${r.id}`}>
                  {r.fileName}
                </Link>
              ),
            },
            { key: "status", header: "Status", cell: (r) => <ImportStatusBadge status={r.status} /> },
            { key: "rows", header: "Rows", align: "right", cell: (r) => r.total.toLocaleString("en"), hideBelow: "sm" },
            { key: "at", header: "Uploaded (UTC)", cell: (r) => formatUtc(r.createdAt), hideBelow: "md" },
          ]}
        />
      </div>
    </>
  );
}
