import type { TenantContext } from "../../src/server/auth/tenant-context";
import { getDb } from "../../src/server/db/client";
import { uploadRewardCodes } from "../../src/server/modules/rewards/reward-codes.service";
import { createReward } from "../../src/server/modules/rewards/reward.service";
import { createTier } from "../../src/server/modules/tiers/tier.service";

/**
 * The demo brand's loyalty ladder and rewards catalogue, in the spirit of the reference program
 * (TastiRewards: a free cup for points, more for regulars). Added once; a brand that already has
 * tiers or rewards is left as it is.
 */
export async function seedDemoRewards(ctx: TenantContext): Promise<string[]> {
  const added: string[] = [];
  if ((await getDb().tier.count({ where: { tenantId: ctx.tenantId } })) === 0) {
    await createTier(ctx, { name: "Silver", threshold: 500 });
    const gold = await createTier(ctx, { name: "Gold", threshold: 2_000 });
    added.push("tiers Silver 500 / Gold 2,000 (12 months)");
    if ((await getDb().reward.count({ where: { tenantId: ctx.tenantId } })) === 0) {
      await createReward(ctx, { name: "Free small cup", description: "Any flavour, any topping.", cost: 100, fulfilment: "GENERATED_CODE" });
      const pint = await createReward(ctx, {
        name: "Take-home pint",
        description: "Show the code at the counter.",
        cost: 400,
        fulfilment: "CODE_POOL",
        perCustomerLimit: 2,
      });
      await uploadRewardCodes(ctx, { rewardId: pint.id, text: Array.from({ length: 25 }, (_, i) => `PINT-${String(1001 + i)}`).join("\n") });
      await createReward(ctx, {
        name: "TastiRewards T-shirt",
        description: "We post it to you.",
        cost: 1_500,
        stock: 20,
        fulfilment: "MANUAL",
        minimumTierId: gold.id,
      });
      added.push("rewards: a free cup (generated code), a pint (25 pool codes, 2 per customer), a T-shirt for Gold members (20, sent by hand)");
    }
  }
  return added;
}
