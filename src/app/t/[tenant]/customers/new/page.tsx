import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { CustomerForm } from "@/features/customers/customer-form";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { createCustomerAction } from "../actions";

export const metadata = { title: "Add customer" };

export default async function NewCustomerPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await requireMember(slug, `/t/${slug}/customers/new`);
  requirePermission(can, "customers:write");
  return (
    <>
      <PageHeader title="Add customer" description="A person in your CRM. Social profiles are linked by the customer in the rewards portal." />
      <Card className="max-w-2xl">
        <CustomerForm tenantSlug={slug} action={createCustomerAction} cancelHref={`/t/${slug}/customers`} />
      </Card>
    </>
  );
}
