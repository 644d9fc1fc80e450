import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { SegmentForm } from "@/features/segments/segment-form";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { getTierSettings } from "@/server/modules/tiers/tier.service";
import { getSegmentOrThrow } from "@/server/modules/segments/segment.service";
import { updateSegmentAction } from "../../actions";

export const metadata = { title: "Edit segment" };

export default async function EditSegmentPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/segments/${id}/edit`);
  const segment = await notFoundUnlessFound(getSegmentOrThrow(ctx, id));
  requirePermission(can, "customers:write");
  const { tiers } = await getTierSettings(ctx);
  const locked = segment.campaigns.length > 0 && !can("settings:write");
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/segments/${id}`} className="hover:underline">
            {segment.name}
          </Link>
        }
        title={`Edit ${segment.name}`}
        description="Changes apply at once: campaigns targeting this segment pay new awards to its new members."
      />
      {locked && (
        <Alert tone="info" className="mb-4 max-w-3xl">
          {segment.campaigns.map((c) => `“${c.name}”`).join(", ")} target{segment.campaigns.length === 1 ? "s" : ""} this segment, so only admins and the owner
          can change its conditions. You can rename it.
        </Alert>
      )}
      <Card className="max-w-3xl">
        <SegmentForm
          tenantSlug={slug}
          action={updateSegmentAction}
          segment={segment}
          cancelHref={`/t/${slug}/segments/${id}`}
          conditionsLocked={locked}
          tiers={tiers}
        />
      </Card>
    </>
  );
}
