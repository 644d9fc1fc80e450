import Link from "next/link";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { SegmentForm } from "@/features/segments/segment-form";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { getTierSettings } from "@/server/modules/tiers/tier.service";
import { createSegmentAction } from "../actions";

export const metadata = { title: "New segment" };

export default async function NewSegmentPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/segments/new`);
  requirePermission(can, "customers:write");
  const { tiers } = await getTierSettings(ctx);
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/segments`} className="hover:underline">
            Segments
          </Link>
        }
        title="New segment"
        description="Membership is worked out live: customers join and leave as their stage, sentiment, followers and points change."
      />
      <Card className="max-w-3xl">
        <SegmentForm tenantSlug={slug} action={createSegmentAction} cancelHref={`/t/${slug}/segments`} tiers={tiers} />
      </Card>
    </>
  );
}
