import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { explainEntry } from "../../../src/server/modules/ledger/ledger-queries";
import { reverseLedgerEntry, type ReverseEntryInput } from "../../../src/server/modules/ledger/reverse-entry";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { balanceOf, entryCount, expectAppError, inTx, mentionAward, post, realRef } from "./ledger-test-kit";

function reverse(ctx: TenantContext, input: ReverseEntryInput) {
  return inTx((tx) => reverseLedgerEntry(tx, ctx, input));
}

async function customerWithAward(points: number) {
  const { ctx } = await createTenantWithMember();
  const customer = await makeCustomer(ctx);
  const [entry] = await post(ctx, [mentionAward(customer.id, `award-${points}`, points)]);
  return { ctx, customer, entry: entry! };
}

describe("reverseLedgerEntry", () => {
  afterEach(() => assertLedgerInvariants());

  it("takes the points back with an opposite entry that points at the original and says why", async () => {
    const { ctx, customer, entry } = await customerWithAward(40);
    const result = await reverse(ctx, { entryId: entry.id, reason: "spam account" });
    expect(result).toMatchObject({ alreadyReversed: false, clamped: false, originalAmount: 40, message: "took back 40 points" });
    expect(result.entry).toMatchObject({ amount: -40, customerId: customer.id, reversesId: entry.id, idempotencyKey: `reversal:${entry.id}` });
    expect((await balanceOf(ctx, customer.id)).balance).toBe(0);
    const stored = await getDb().ledgerEntry.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: result.entry.id } });
    expect(stored).toMatchObject({ source: "REVERSAL", reversesId: entry.id, mentionId: await realRef(ctx, `men_${entry.idempotencyKey}`) });
    expect(stored.explanation).toMatchObject({ reversal: { reason: "spam account", originalAmount: 40 } });
    expect(await explainEntry(ctx, result.entry.id)).toBe("−40 points reversing an entry of +40 points: spam account");
  });

  it("reversing twice changes nothing and returns the first reversal", async () => {
    const { ctx, customer, entry } = await customerWithAward(25);
    const first = await reverse(ctx, { entryId: entry.id, reason: "duplicate" });
    const second = await reverse(ctx, { entryId: entry.id, reason: "duplicate again", idempotencyKey: "another-key" });
    expect(second.alreadyReversed).toBe(true);
    expect(second.entry.id).toBe(first.entry.id);
    expect(second.message).toMatch(/already reversed/);
    expect(await entryCount(ctx, customer.id)).toBe(2);
    expect((await balanceOf(ctx, customer.id)).balance).toBe(0);
  });

  it("lets exactly one of many concurrent reversals of the same entry through", async () => {
    const { ctx, customer, entry } = await customerWithAward(30);
    await post(ctx, [mentionAward(customer.id, "other", 70)]);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => reverse(ctx, { entryId: entry.id, reason: "race", idempotencyKey: `rev-${i}` })));
    expect(results.filter((r) => !r.alreadyReversed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    expect((await balanceOf(ctx, customer.id)).balance).toBe(70);
    expect(await entryCount(ctx, customer.id)).toBe(3);
  });

  it("takes back only what is left when the customer already spent part of the points, and says so", async () => {
    const { ctx, customer, entry } = await customerWithAward(100);
    await adjustPoints(ctx, { customerId: customer.id, amount: -70, reason: "gift card sent by post", idempotencyKey: "spend" });
    const result = await reverse(ctx, { entryId: entry.id, reason: "fraudulent mention" });
    expect(result).toMatchObject({ clamped: true, message: "took back only 30 of 100 points: the customer had already spent the rest" });
    expect(result.entry.amount).toBe(-30);
    expect((await balanceOf(ctx, customer.id)).balance).toBe(0);
    const stored = await getDb().ledgerEntry.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: result.entry.id } });
    expect(stored.explanation).toMatchObject({ reversal: { reason: "fraudulent mention", originalAmount: 100, clampedTo: -30 } });
    expect(await explainEntry(ctx, result.entry.id)).toMatch(/only 30 of 100 points could be taken back/);
  });

  it("refuses when nothing is left to take back, so the entry can still be reversed once points return", async () => {
    const { ctx, customer, entry } = await customerWithAward(50);
    await adjustPoints(ctx, { customerId: customer.id, amount: -50, reason: "spent at the store", idempotencyKey: "spend-all" });
    await expectAppError(reverse(ctx, { entryId: entry.id, reason: "fraud" }), "CONFLICT", /nothing to take back/);
    await post(ctx, [mentionAward(customer.id, "later", 20)]);
    const later = await reverse(ctx, { entryId: entry.id, reason: "fraud" });
    expect(later.entry.amount).toBe(-20);
    expect((await balanceOf(ctx, customer.id)).balance).toBe(0);
  });

  it("refuses to reverse a spend on a reward: cancelling the redemption gives the points back", async () => {
    const { ctx, customer } = await customerWithAward(100);
    const reward = await createReward(ctx, { name: "Mug", cost: 60 });
    const redeemed = await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "mug" });
    await expectAppError(reverse(ctx, { entryId: redeemed.ledgerEntryId, reason: "mug was broken" }), "BAD_REQUEST", /cancelling the redemption/);
    expect(await balanceOf(ctx, customer.id)).toEqual({ balance: 40, lifetimeEarned: 100 });
  });

  it("refuses to reverse a reversal", async () => {
    const { ctx, entry } = await customerWithAward(10);
    const reversal = await reverse(ctx, { entryId: entry.id, reason: "mistake" });
    await expectAppError(reverse(ctx, { entryId: reversal.entry.id, reason: "undo the undo" }), "BAD_REQUEST", /cannot itself be reversed/);
  });

  it("answers NOT_FOUND for another tenant's entry, an unknown id and a malformed id, and changes nothing", async () => {
    const { ctx: owner, customer, entry } = await customerWithAward(10);
    const { ctx: intruder } = await createTenantWithMember();
    await expectAppError(reverse(intruder, { entryId: entry.id, reason: "steal" }), "NOT_FOUND");
    await expectAppError(reverse(owner, { entryId: "led_00000000000000000000000000000000", reason: "ghost" }), "NOT_FOUND");
    await expectAppError(reverse(owner, { entryId: "'; DROP TABLE x", reason: "ghost" }), "NOT_FOUND");
    expect((await balanceOf(owner, customer.id)).balance).toBe(10);
    expect(await entryCount(owner)).toBe(1);
  });

  it("never drives a balance below zero when a reversal races a redemption of the same points", async () => {
    for (let round = 0; round < 4; round++) {
      const { ctx, customer, entry } = await customerWithAward(100);
      const reward = await createReward(ctx, { name: `Hoodie ${round}`, cost: 100 });
      const [redeemed, reversed] = await Promise.allSettled([
        redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "hoodie" }),
        reverse(ctx, { entryId: entry.id, reason: "fraud" }),
      ]);
      const balance = (await balanceOf(ctx, customer.id)).balance;
      expect(balance).toBe(0);
      // Exactly one of them got the 100 points.
      expect([redeemed.status, reversed.status].sort()).toEqual(["fulfilled", "rejected"]);
      await assertLedgerInvariants(ctx.tenantId);
    }
  });
});
