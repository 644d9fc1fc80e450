import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CustomerContext } from "../../../src/server/auth/tenant-context";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { redeemAsCustomer } from "../../../src/server/modules/rewards/redeem-reward";
import { createReward, updateReward } from "../../../src/server/modules/rewards/reward.service";
import { createTier, deleteTier } from "../../../src/server/modules/tiers/tier.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

/** Issue 11 item 6: tiers gate rewards — only customers whose points earned in the period reach the tier may redeem. */
describe("a reward's minimum tier", () => {
  it("refuses a customer below the tier with its name, accepts them once they earn enough, and keeps the tier from being deleted", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const gold = await createTier(ctx, { name: "Gold", threshold: 100 });
    const reward = await createReward(ctx, { name: "Gold cup", cost: 20, minimumTierId: gold.id });
    const customer = await makeCustomer(ctx);
    const cctx: CustomerContext = { tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, customerId: customer.id, actor: { type: "CUSTOMER", id: customer.id } };
    await adjustPoints(ctx, { customerId: customer.id, amount: 60, reason: "first visits", idempotencyKey: randomUUID() });

    await expect(redeemAsCustomer(cctx, { rewardId: reward.id, idempotencyKey: randomUUID() })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "this reward is for Gold tier members and up",
    });
    await adjustPoints(ctx, { customerId: customer.id, amount: 50, reason: "more visits", idempotencyKey: randomUUID() });
    const result = await redeemAsCustomer(cctx, { rewardId: reward.id, idempotencyKey: randomUUID() });
    expect(result.balance).toBe(60 + 50 - 20);

    await expect(deleteTier(ctx, gold.id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("“Gold cup”") as string });
  });

  it("accepts only the brand's own tiers", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { ctx: other } = await createTenantWithMember("OWNER");
    const theirs = await createTier(other, { name: "Their gold", threshold: 10 });
    await expect(createReward(ctx, { name: "Cup", cost: 5, minimumTierId: theirs.id })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const reward = await createReward(ctx, { name: "Cup", cost: 5 });
    await expect(updateReward(ctx, { id: reward.id, name: "Cup", cost: 5, minimumTierId: theirs.id })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
