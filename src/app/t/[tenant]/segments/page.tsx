import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PlusIcon, UsersIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { SegmentsTable } from "@/features/segments/segments-table";
import { requireMember } from "@/server/http/require-member";
import { listSegments } from "@/server/modules/segments/segment.service";

export const metadata = { title: "Segments" };

export default async function SegmentsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ removed?: string }> }) {
  const { tenant: slug } = await params;
  const { removed } = await searchParams;
  const base = `/t/${slug}/segments`;
  const { ctx, can } = await requireMember(slug, base);
  const { items } = await listSegments(ctx);
  const canWrite = can("customers:write");
  return (
    <>
      <PageHeader
        title="Segments"
        description="Groups of customers by lifecycle stage, recent sentiment, reach and points. Campaigns can give one segment their multiplier."
        actions={
          canWrite ? (
            <ButtonLink href={`${base}/new`} icon={<PlusIcon />}>
              New segment
            </ButtonLink>
          ) : undefined
        }
      />
      {removed && (
        <Alert tone="success" role="status" className="mb-4">
          Segment deleted.
        </Alert>
      )}
      {items.length === 0 ? (
        <Card>
          <EmptyState
            icon={<UsersIcon />}
            title="No segments yet"
            description="For example “Top influencers”: customers with at least 10,000 followers who are promoters."
            action={canWrite ? <ButtonLink href={`${base}/new`}>New segment</ButtonLink> : undefined}
          />
        </Card>
      ) : (
        <SegmentsTable segments={items} tenantSlug={slug} />
      )}
      {!canWrite && <p className="mt-4 text-sm text-fg-muted">Your role can look at segments but not change them.</p>}
    </>
  );
}
