import { describe, expect, it } from "vitest";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { assertLedgerInvariants, findLedgerViolations } from "../support/ledger-invariants";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { uploadRewardCodes } from "../../../src/server/modules/rewards/reward-codes.service";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { mentionAward, post, realRef } from "./ledger-test-kit";

/** The checker other tests rely on must itself catch broken ledgers. */
describe("assertLedgerInvariants", () => {
  async function rawEntry(ctx: TenantContext, customerId: string, amount: number, key: string, extra: { mentionId?: string; reversesId?: string } = {}) {
    const source = extra.reversesId ? "REVERSAL" : "MENTION";
    const tenantId = ctx.tenantId;
    const ruleId = await realRef(ctx, "rule_test");
    await unsafeCrossTenantDb().$executeRaw`
      INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "mentionId", "ruleId", "reversesId", explanation)
      VALUES (${tenantId}, ${customerId}, ${amount}, ${source}::"LedgerSource", ${key}, ${extra.mentionId ?? null}, ${ruleId}, ${extra.reversesId ?? null}, '{"formula":""}')`;
  }

  it("passes a healthy ledger and names each kind of corruption, scoped to the tenant asked about", async () => {
    const healthy = await createTenantWithMember();
    const broken = await createTenantWithMember();
    const h = await makeCustomer(healthy.ctx);
    await post(healthy.ctx, [mentionAward(h.id, "ok", 10)]);
    await assertLedgerInvariants(healthy.ctx.tenantId);

    const ada = await makeCustomer(broken.ctx);
    const bob = await makeCustomer(broken.ctx);
    const [adaEntry] = await post(broken.ctx, [mentionAward(ada.id, "m-1", 50)]);
    // Written behind the ledger's back: no balance update, a second credit for the same
    // mention and rule, and a reversal filed under the wrong customer.
    const mentionId = await realRef(broken.ctx, "men_m-1");
    await rawEntry(broken.ctx, ada.id, 5, "sneaky", { mentionId });
    await rawEntry(broken.ctx, bob.id, -50, "wrong-customer", { reversesId: adaEntry!.id });

    const found = await findLedgerViolations(broken.ctx.tenantId);
    expect(found.some((v) => v.startsWith("balance differs from the sum of its entries") && v.includes(ada.id))).toBe(true);
    expect(found.some((v) => v.startsWith("balance differs from the sum of its entries") && v.includes(bob.id))).toBe(true);
    expect(found.some((v) => v.startsWith("mention credited more than once under one rule") && v.includes(mentionId))).toBe(true);
    expect(found.some((v) => v.startsWith("reversal that points at a missing entry, another tenant's or customer's entry"))).toBe(true);
    await expect(assertLedgerInvariants(broken.ctx.tenantId)).rejects.toThrow(/ledger invariants violated/);
    await expect(assertLedgerInvariants()).rejects.toThrow(/ledger invariants violated/);
    expect(await findLedgerViolations(healthy.ctx.tenantId)).toEqual([]);
  });

  it("names a cancelled redemption without its refund, and a pool whose stock drifted from its codes", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customer = await makeCustomer(ctx);
    await adjustPoints(ctx, { customerId: customer.id, amount: 100, reason: "seed", idempotencyKey: "seed" });
    const manual = await createReward(ctx, { name: "Mug", cost: 40 });
    const pool = await createReward(ctx, { name: "Voucher", cost: 10, fulfilment: "CODE_POOL" });
    await uploadRewardCodes(ctx, { rewardId: pool.id, text: "P-1\nP-2" });
    const { redemption } = await redeemReward(ctx, { customerId: customer.id, rewardId: manual.id, idempotencyKey: "mug" });
    await assertLedgerInvariants(ctx.tenantId);
    // Behind the domain's back: cancelled with no refund, and a pool's stock set by hand.
    const db = unsafeCrossTenantDb();
    await db.$executeRaw`UPDATE "Redemption" SET status = 'CANCELLED' WHERE "tenantId" = ${ctx.tenantId} AND id = ${redemption.id}`;
    await db.$executeRaw`UPDATE "Reward" SET stock = 5 WHERE "tenantId" = ${ctx.tenantId} AND id = ${pool.id}`;
    const found = await findLedgerViolations(ctx.tenantId);
    expect(
      found.some((v) => v.startsWith("refund without a cancelled redemption, or cancelled redemption without exactly one refund") && v.includes(redemption.id)),
    ).toBe(true);
    expect(found.some((v) => v.startsWith("code-pool reward whose stock is not its unclaimed codes") && v.includes(pool.id))).toBe(true);
  });
});
