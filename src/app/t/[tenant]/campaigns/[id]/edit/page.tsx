import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { CampaignForm } from "@/features/campaigns/campaign-form";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { getCampaignOrThrow, listSegmentOptions } from "@/server/modules/campaigns/campaign.service";
import { updateCampaignAction } from "../../actions";

export const metadata = { title: "Edit campaign" };

export default async function EditCampaignPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/campaigns/${id}/edit`);
  const campaign = await notFoundUnlessFound(getCampaignOrThrow(ctx, id));
  requirePermission(can, "settings:write");
  const segments = await listSegmentOptions(ctx);
  return (
    <>
      <PageHeader
        eyebrow="Campaigns"
        title={`Edit ${campaign.name}`}
        description="Changes apply to new awards; points already paid keep the multiplier they were paid with."
      />
      <Card className="max-w-2xl">
        <CampaignForm tenantSlug={slug} action={updateCampaignAction} campaign={campaign} segments={segments} cancelHref={`/t/${slug}/campaigns`} />
      </Card>
    </>
  );
}
