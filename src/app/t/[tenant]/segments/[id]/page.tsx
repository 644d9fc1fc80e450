import Link from "next/link";
import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { UsersIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { DeleteSegmentForm } from "@/features/segments/delete-segment-form";
import { describeFilter, formatCount } from "@/features/segments/segment-labels";
import { SegmentMembersTable } from "@/features/segments/segment-members-table";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { ZSegmentMembersQuery } from "@/server/modules/segments/segment.schemas";
import { getSegmentOrThrow, listSegmentMembers } from "@/server/modules/segments/segment.service";
import { deleteSegmentAction } from "../actions";

type Search = Record<string, string | string[] | undefined>;

export default async function SegmentPage({ params, searchParams }: { params: Promise<{ tenant: string; id: string }>; searchParams: Promise<Search> }) {
  const { tenant: slug, id } = await params;
  const raw = await searchParams;
  const base = `/t/${slug}/segments/${id}`;
  const { ctx, can } = await requireMember(slug, base);
  const segment = await notFoundUnlessFound(getSegmentOrThrow(ctx, id));
  const parsed = ZSegmentMembersQuery.safeParse({ page: first(raw.page) ?? "1" });
  const members = await listSegmentMembers(ctx, id, parsed.success ? parsed.data : {});
  const saved = first(raw.saved);
  const canWrite = can("customers:write");
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/segments`} className="hover:underline">
            Segments
          </Link>
        }
        title={segment.name}
        description={describeFilter(segment.filter, segment.tierName).join(" · ")}
        actions={
          canWrite ? (
            <ButtonLink href={`${base}/edit`} variant="secondary">
              Edit
            </ButtonLink>
          ) : undefined
        }
      />
      {saved && (
        <Alert tone="success" role="status" className="mb-4">
          {saved === "created" ? "Segment created." : "Changes saved."}
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          title="Members"
          headingLevel={2}
          description={`${formatCount(members.total)} ${members.total === 1 ? "customer matches" : "customers match"} right now.`}
          className="lg:col-span-2"
        >
          {members.total === 0 ? (
            <EmptyState
              icon={<UsersIcon />}
              headingLevel={3}
              title="No customer matches yet"
              description="Members appear as soon as customers meet every condition."
            />
          ) : (
            <>
              <SegmentMembersTable members={members.items} tenantSlug={slug} />
              <Pagination
                className="mt-4"
                page={members.page}
                pageSize={members.pageSize}
                total={members.total}
                hrefForPage={(page) => (page === 1 ? base : `${base}?page=${page}`)}
                noun="members"
              />
            </>
          )}
        </Card>
        <Card title="Campaigns" headingLevel={2}>
          {segment.campaigns.length === 0 ? (
            <p className="text-sm text-fg-muted">No campaign targets this segment. Choose it in a campaign to give its members the multiplier.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {segment.campaigns.map((c) => (
                <li key={c.id}>
                  <Link href={`/t/${slug}/campaigns/${c.id}/edit`} className="text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {canWrite && (
        <div className="mt-8 max-w-xl">
          {segment.campaigns.length > 0 ? (
            <p className="text-sm text-fg-muted">To delete this segment, first give the campaigns that target it another segment, or none.</p>
          ) : (
            <DeleteSegmentForm tenantSlug={slug} segmentId={segment.id} name={segment.name} action={deleteSegmentAction} />
          )}
        </div>
      )}
    </>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
