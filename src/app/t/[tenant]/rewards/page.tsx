import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { GiftIcon, PlusIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { RewardsTable } from "@/features/rewards/rewards-table";
import { requireMember } from "@/server/http/require-member";
import { listRewardsWithCounts } from "@/server/modules/rewards/reward.service";

export const metadata = { title: "Rewards" };

const SAVED: Record<string, string> = {
  created: "Reward created.",
  updated: "Reward saved.",
  archived: "Reward archived: it left the catalogue and its redemptions stay.",
  deleted: "Reward deleted.",
};

export default async function RewardsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ saved?: string; archived?: string }>;
}) {
  const { tenant: slug } = await params;
  const { saved, archived } = await searchParams;
  const base = `/t/${slug}/rewards`;
  const { ctx, can } = await requireMember(slug, base);
  const showArchived = archived === "1";
  const rewards = await listRewardsWithCounts(ctx, { includeArchived: showArchived });
  const canManage = can("rewards:manage");
  return (
    <>
      <PageHeader
        title="Rewards"
        description="What customers can spend their points on. Redeeming takes the points and the stock in one step; cancelling gives the points back."
        actions={
          <div className="flex flex-wrap gap-2">
            <ButtonLink href={`${base}/redemptions`} variant="secondary">
              Redemptions
            </ButtonLink>
            {canManage && (
              <ButtonLink href={`${base}/new`} icon={<PlusIcon />}>
                New reward
              </ButtonLink>
            )}
          </div>
        }
      />
      {saved && SAVED[saved] && (
        <Alert tone="success" role="status" className="mb-4">
          {SAVED[saved]}
        </Alert>
      )}
      {rewards.length === 0 ? (
        <Card>
          <EmptyState
            icon={<GiftIcon />}
            title={showArchived ? "No rewards" : "No rewards yet"}
            description="For example “Free coffee” for 200 points, with a generated code the customer shows at the till."
            action={canManage ? <ButtonLink href={`${base}/new`}>New reward</ButtonLink> : undefined}
          />
        </Card>
      ) : (
        <RewardsTable rewards={rewards} tenantSlug={slug} canManage={canManage} now={new Date()} />
      )}
      <p className="mt-4 text-sm text-fg-muted">
        {showArchived ? (
          <a href={base} className="underline">
            Hide archived rewards
          </a>
        ) : (
          <a href={`${base}?archived=1`} className="underline">
            Show archived rewards
          </a>
        )}
        {!canManage && " · Your role can look at rewards but not change them."}
      </p>
    </>
  );
}
