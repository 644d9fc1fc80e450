import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { redeemAsCustomer, redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { cancelRedemption } from "../../../src/server/modules/rewards/redemption.service";
import { uploadRewardCodes } from "../../../src/server/modules/rewards/reward-codes.service";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { allAtMost, settleAtMost } from "../support/at-most";
import { createTenantWithMember } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { balanceOf, customerWith, ledgerOf, rewardRow } from "./rewards-kit";

const refusals = (results: PromiseSettledResult<unknown>[]) =>
  results.flatMap((r) => (r.status === "rejected" ? [r.reason instanceof AppError ? `${r.reason.code}: ${r.reason.message}` : String(r.reason)] : []));

describe("redemptions under concurrency", () => {
  it("40 customers racing for a stock of 10: exactly 10 redeem, and no ledger entry without stock", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customers = await allAtMost(40, () => customerWith(ctx, 500));
    const reward = await createReward(ctx, { name: "Limited print", cost: 100, stock: 10 });
    const results = await settleAtMost(40, (i) => redeemAsCustomer(customers[i]!.cctx, { rewardId: reward.id, idempotencyKey: `try-${i}` }));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(10);
    expect(new Set(refusals(results))).toEqual(new Set(["CONFLICT: “Limited print” is out of stock"]));
    expect((await rewardRow(ctx, reward.id)).stock).toBe(0);
    const db = getDb();
    expect(await db.redemption.count({ where: { tenantId: ctx.tenantId } })).toBe(10);
    expect(await db.ledgerEntry.count({ where: { tenantId: ctx.tenantId, source: "REDEMPTION" } })).toBe(10);
    const balances = await Promise.all(customers.map((c) => balanceOf(ctx, c.customer.id)));
    expect(balances.filter((b) => b === 400)).toHaveLength(10);
    expect(balances.filter((b) => b === 500)).toHaveLength(30);
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("the same idempotency key from two devices at once: one redemption, one debit, both see it", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer, cctx } = await customerWith(ctx, 300);
    const reward = await createReward(ctx, { name: "Coffee", cost: 120, fulfilment: "GENERATED_CODE" });
    for (let round = 0; round < 2; round++) {
      const attempt = { rewardId: reward.id, idempotencyKey: `attempt-${round}` };
      const [phone, laptop] = await Promise.all([redeemAsCustomer(cctx, attempt), redeemAsCustomer({ ...cctx }, attempt)]);
      expect(phone.redemption.id).toBe(laptop.redemption.id);
      expect(phone.redemption.code).toBe(laptop.redemption.code);
      expect([phone.replayed, laptop.replayed].sort()).toEqual([false, true]);
    }
    const third = await Promise.allSettled([0, 1].map(() => redeemAsCustomer(cctx, { rewardId: reward.id, idempotencyKey: "attempt-2" })));
    expect(refusals(third)).toEqual(Array(2).fill("CONFLICT: not enough points: “Coffee” costs 120 points and you have 60 points (60 points more needed)"));
    expect(await balanceOf(ctx, customer.id)).toBe(60);
    expect((await ledgerOf(ctx, customer.id)).map((e) => e.amount)).toEqual([-120, -120]);
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("the same attempt, refused twice alike when the points run out", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { cctx } = await customerWith(ctx, 50);
    const reward = await createReward(ctx, { name: "Tee", cost: 80 });
    const results = await Promise.allSettled([0, 1].map(() => redeemAsCustomer(cctx, { rewardId: reward.id, idempotencyKey: "k" })));
    expect(refusals(results)).toEqual([
      "CONFLICT: not enough points: “Tee” costs 80 points and you have 50 points (30 points more needed)",
      "CONFLICT: not enough points: “Tee” costs 80 points and you have 50 points (30 points more needed)",
    ]);
    expect(await getDb().redemption.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });

  it("a per-customer limit holds when one customer fires many attempts at once", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer, cctx } = await customerWith(ctx, 10_000);
    const reward = await createReward(ctx, { name: "Welcome gift", cost: 10, perCustomerLimit: 2 });
    const results = await settleAtMost(8, (i) => redeemAsCustomer(cctx, { rewardId: reward.id, idempotencyKey: `gift-${i}` }));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(new Set(refusals(results))).toEqual(new Set(["CONFLICT: “Welcome gift” can be redeemed twice per customer, and you already did"]));
    expect(await balanceOf(ctx, customer.id)).toBe(9_980);
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("pool codes are never handed out twice: 20 racing for 15 codes", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customers = await allAtMost(20, () => customerWith(ctx, 100));
    const reward = await createReward(ctx, { name: "Cinema voucher", cost: 50, fulfilment: "CODE_POOL" });
    const codes = Array.from({ length: 15 }, (_, i) => `CINE-${1000 + i}`);
    expect(await uploadRewardCodes(ctx, { rewardId: reward.id, text: codes.join("\n") })).toMatchObject({ added: 15, stock: 15 });
    const results = await settleAtMost(20, (i) => redeemAsCustomer(customers[i]!.cctx, { rewardId: reward.id, idempotencyKey: `c-${i}` }));
    const handed = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.redemption.code] : []));
    expect(handed).toHaveLength(15);
    expect(new Set(handed)).toEqual(new Set(codes));
    expect(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.redemption.status] : []))).toEqual(Array(15).fill("FULFILLED"));
    expect(new Set(refusals(results))).toEqual(new Set(["CONFLICT: “Cinema voucher” is out of stock"]));
    expect((await rewardRow(ctx, reward.id)).stock).toBe(0);
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("concurrent cancels of one redemption refund it exactly once and return the stock once", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer } = await customerWith(ctx, 200);
    const reward = await createReward(ctx, { name: "Hamper", cost: 150, stock: 3 });
    const { redemption, ledgerEntryId } = await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "hamper" });
    expect(redemption.status).toBe("PENDING");
    const results = await settleAtMost(6, () => cancelRedemption(ctx, { id: redemption.id, reason: "out of hampers" }));
    const done = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(done).toHaveLength(6);
    expect(done.filter((d) => !d.unchanged)).toHaveLength(1);
    expect(done.every((d) => d.redemption.status === "CANCELLED")).toBe(true);
    expect(await balanceOf(ctx, customer.id)).toBe(200);
    expect((await rewardRow(ctx, reward.id)).stock).toBe(3);
    const ledger = await ledgerOf(ctx, customer.id);
    expect(ledger).toEqual([
      { id: ledgerEntryId, amount: -150, source: "REDEMPTION", reversesId: null, redemptionId: redemption.id },
      { id: done[0]!.refundEntryId, amount: 150, source: "REVERSAL", reversesId: ledgerEntryId, redemptionId: redemption.id },
    ]);
    await assertLedgerInvariants(ctx.tenantId);
  });
});
