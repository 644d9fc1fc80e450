import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { ArchiveRewardForm } from "@/features/rewards/archive-reward-form";
import { CodeUploadForm } from "@/features/rewards/code-upload-form";
import { RewardForm } from "@/features/rewards/reward-form";
import { describeStock } from "@/features/rewards/reward-labels";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { getTierSettings } from "@/server/modules/tiers/tier.service";
import { requirePermission } from "@/server/http/require-permission";
import { getRewardWithCounts } from "@/server/modules/rewards/reward.service";
import { archiveRewardAction, updateRewardAction, uploadRewardCodesAction } from "../../actions";

export const metadata = { title: "Edit reward" };

export default async function EditRewardPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const { tenant: slug, id } = await params;
  const { saved } = await searchParams;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/rewards/${id}/edit`);
  const reward = await notFoundUnlessFound(getRewardWithCounts(ctx, id));
  requirePermission(can, "rewards:manage");
  const { tiers } = await getTierSettings(ctx);
  // The server has the last word (cancelled redemptions and claimed codes count too); this hides the choice when it is plainly fixed.
  const hasHistory = reward.redeemedCount > 0 || (reward.unclaimedCodes ?? 0) > 0;
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/rewards`} className="hover:underline">
            Rewards
          </Link>
        }
        title={`Edit ${reward.name}`}
        description={`${describeStock(reward)} · redeemed ${reward.redeemedCount.toLocaleString("en-US")} times. Past redemptions keep the cost they paid.`}
      />
      {saved === "created" && (
        <Alert tone="success" role="status" className="mb-4 max-w-3xl">
          Reward created. It has no stock until you upload its codes below.
        </Alert>
      )}
      {reward.archivedAt ? (
        <Alert tone="info" className="max-w-3xl">
          This reward is archived: it is out of the catalogue and cannot be edited.
        </Alert>
      ) : (
        <div className="max-w-3xl space-y-6">
          {reward.fulfilment === "CODE_POOL" && (
            <Card
              title="Codes"
              description={`${(reward.unclaimedCodes ?? 0).toLocaleString("en-US")} unclaimed. A code is handed out once; a cancelled redemption's code is voided, not reused.`}
            >
              <CodeUploadForm tenantSlug={slug} rewardId={reward.id} action={uploadRewardCodesAction} />
            </Card>
          )}
          <Card>
            <RewardForm
              tenantSlug={slug}
              action={updateRewardAction}
              reward={reward}
              cancelHref={`/t/${slug}/rewards`}
              deliveryLocked={hasHistory}
              tiers={tiers}
            />
          </Card>
          <ArchiveRewardForm tenantSlug={slug} rewardId={reward.id} name={reward.name} action={archiveRewardAction} />
        </div>
      )}
    </>
  );
}
