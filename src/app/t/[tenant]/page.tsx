import Link from "next/link";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { StatCard } from "@/components/stat-card";
import { requireMember } from "@/server/http/require-member";
import { getTenantOverview } from "@/server/modules/tenants/overview.service";

export default async function OverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, tenant, can } = await requireMember(slug, `/t/${slug}`);
  const overview = await getTenantOverview(ctx);
  return (
    <>
      <PageHeader
        title={tenant.name}
        description="Your advocacy program at a glance."
        actions={can("customers:write") ? <ButtonLink href={`/t/${slug}/customers/new`}>Add customer</ButtonLink> : undefined}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <StatCard label="Customers" value={overview.customers.toLocaleString("en")} hint="Active records in your CRM" />
        <StatCard label="Advocates" value={overview.advocates.toLocaleString("en")} hint="Customers at the advocate stage" />
        <StatCard label="Team members" value={overview.members.toLocaleString("en")} hint="People with access to this brand" />
      </div>
      <Card className="mt-6" title="What happens next" headingLevel={2}>
        <ol className="list-decimal space-y-2 pl-5 text-sm text-fg-muted">
          <li>
            Bring your customers in:{" "}
            <Link className="text-brand-700 underline" href={`/t/${slug}/customers`}>
              add or search customers
            </Link>
            .
          </li>
          <li>
            Invite your team from{" "}
            <Link className="text-brand-700 underline" href={`/t/${slug}/settings/members`}>
              Settings → Team
            </Link>
            .
          </li>
          <li>Listening, points and the rewards portal switch on as those parts of Megaphone ship; their sections say what they will do.</li>
        </ol>
      </Card>
    </>
  );
}
