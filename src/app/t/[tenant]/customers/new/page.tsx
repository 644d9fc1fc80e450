import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { CustomerForm } from "@/features/customers/customer-form";
import { NotAllowed } from "@/features/shell/not-allowed";
import { requireMember } from "@/server/http/require-member";
import { createCustomerAction } from "../actions";

export const metadata = { title: "Add customer" };

export default async function NewCustomerPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await requireMember(slug, `/t/${slug}/customers/new`);
  if (!can("customers:write")) return <NotAllowed what="add customers" />;
  return (
    <>
      <PageHeader title="Add customer" description="A person in your CRM. Social profiles are linked by the customer in the rewards portal." />
      <Card className="max-w-2xl">
        <CustomerForm tenantSlug={slug} action={createCustomerAction} cancelHref={`/t/${slug}/customers`} />
      </Card>
    </>
  );
}
