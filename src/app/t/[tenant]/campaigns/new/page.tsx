import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { CampaignForm } from "@/features/campaigns/campaign-form";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { listSegmentOptions } from "@/server/modules/campaigns/campaign.service";
import { createCampaignAction } from "../actions";

export const metadata = { title: "New campaign" };

export default async function NewCampaignPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/campaigns/new`);
  requirePermission(can, "settings:write");
  const segments = await listSegmentOptions(ctx);
  return (
    <>
      <PageHeader eyebrow="Campaigns" title="New campaign" description="Only the best running campaign counts for an award; campaigns do not stack." />
      <Card className="max-w-2xl">
        <CampaignForm tenantSlug={slug} action={createCampaignAction} segments={segments} cancelHref={`/t/${slug}/campaigns`} />
      </Card>
    </>
  );
}
