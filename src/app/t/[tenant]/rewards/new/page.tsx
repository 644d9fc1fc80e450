import Link from "next/link";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { RewardForm } from "@/features/rewards/reward-form";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { getTierSettings } from "@/server/modules/tiers/tier.service";
import { createRewardAction } from "../actions";

export const metadata = { title: "New reward" };

export default async function NewRewardPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/rewards/new`);
  requirePermission(can, "rewards:manage");
  const { tiers } = await getTierSettings(ctx);
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/rewards`} className="hover:underline">
            Rewards
          </Link>
        }
        title="New reward"
        description="A code-pool reward starts with no stock: upload its codes on the next screen."
      />
      <Card className="max-w-3xl">
        <RewardForm tenantSlug={slug} action={createRewardAction} cancelHref={`/t/${slug}/rewards`} tiers={tiers} />
      </Card>
    </>
  );
}
