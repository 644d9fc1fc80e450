import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { CustomerForm } from "@/features/customers/customer-form";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { localRedirect } from "@/server/http/local-redirect";
import { getCustomerOrThrow } from "@/server/modules/customers/customer.service";
import { mergeSurvivorOf } from "@/server/modules/customers/merge-preview";
import { updateCustomerAction } from "../../actions";

export const metadata = { title: "Edit customer" };

export default async function EditCustomerPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/customers/${id}/edit`);
  const survivor = await mergeSurvivorOf(ctx, id);
  if (survivor) localRedirect(`/t/${slug}/customers/${survivor}/edit`);
  const customer = await notFoundUnlessFound(getCustomerOrThrow(ctx, id));
  requirePermission(can, "customers:write");
  return (
    <>
      <PageHeader eyebrow="Customer" title={`Edit ${customer.displayName}`} />
      <Card className="max-w-2xl">
        <CustomerForm tenantSlug={slug} action={updateCustomerAction} customer={customer} cancelHref={`/t/${slug}/customers/${id}`} />
      </Card>
    </>
  );
}
