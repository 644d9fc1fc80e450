import { describe, expect, it } from "vitest";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { reverseLedgerEntry } from "../../../src/server/modules/ledger/reverse-entry";
import { customerMeetsTier, customerTierStatus, customerTierStatuses, tierStatus } from "../../../src/server/modules/tiers/tier-status";
import { createTier, updateTierPeriod } from "../../../src/server/modules/tiers/tier.service";
import { deleteCustomer } from "../../../src/server/modules/customers/customer.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { expectAppError, inTx, mentionAward, post } from "../ledger/ledger-test-kit";
import { addMs, createdAtOf, customerContext, monthsAfter } from "./tiers-kit";

async function brandWithLadder() {
  const { ctx } = await createTenantWithMember("OWNER");
  const silver = await createTier(ctx, { name: "Silver", threshold: 500 });
  const gold = await createTier(ctx, { name: "Gold", threshold: 2000 });
  return { ctx, silver, gold };
}

describe("tierStatus: points earned in the brand's rolling period", () => {
  it("places the customer on the ladder with the next tier, points to go and progress", async () => {
    const { ctx, silver, gold } = await brandWithLadder();
    const customer = await makeCustomer(ctx);
    await post(ctx, [mentionAward(customer.id, "a", 400), mentionAward(customer.id, "b", 300)]);
    const status = await tierStatus(customerContext(ctx, customer.id));
    expect(status).toMatchObject({ customerId: customer.id, earnedInPeriod: 700, periodMonths: 12, tier: silver, nextTier: gold, pointsToNext: 1300 });
    expect(status.progress).toBeCloseTo(200 / 1500, 10);

    const none = await makeCustomer(ctx);
    expect(await tierStatus(customerContext(ctx, none.id))).toMatchObject({ earnedInPeriod: 0, tier: null, nextTier: silver, pointsToNext: 500, progress: 0 });
    await post(ctx, [mentionAward(none.id, "c", 2500)]);
    expect(await tierStatus(customerContext(ctx, none.id))).toMatchObject({ tier: gold, nextTier: null, pointsToNext: null, progress: 1 });
  });

  it("counts an entry until exactly one period after it was made (the window is (now − period, now])", async () => {
    const { ctx, silver } = await brandWithLadder();
    const customer = await makeCustomer(ctx);
    const [entry] = await post(ctx, [mentionAward(customer.id, "edge", 600)]);
    const at = await createdAtOf(ctx, entry!.id);
    const cctx = customerContext(ctx, customer.id);
    expect((await tierStatus(cctx, addMs(at, -1))).earnedInPeriod).toBe(0);
    expect((await tierStatus(cctx, at)).earnedInPeriod).toBe(600);
    const lastMoment = addMs(monthsAfter(at, 12), -1);
    expect(await tierStatus(cctx, lastMoment)).toMatchObject({ earnedInPeriod: 600, tier: silver });
    expect(await tierStatus(cctx, monthsAfter(at, 12))).toMatchObject({ earnedInPeriod: 0, tier: null });
  });

  it("follows a change of the period at once", async () => {
    const { ctx } = await brandWithLadder();
    const customer = await makeCustomer(ctx);
    const [entry] = await post(ctx, [mentionAward(customer.id, "p", 800)]);
    const twoMonthsOn = monthsAfter(await createdAtOf(ctx, entry!.id), 2);
    const cctx = customerContext(ctx, customer.id);
    expect((await tierStatus(cctx, twoMonthsOn)).earnedInPeriod).toBe(800);
    await updateTierPeriod(ctx, { months: 1 });
    expect(await tierStatus(cctx, twoMonthsOn)).toMatchObject({ earnedInPeriod: 0, periodMonths: 1, tier: null });
    await updateTierPeriod(ctx, { months: 3 });
    expect((await tierStatus(cctx, twoMonthsOn)).earnedInPeriod).toBe(800);
  });

  it("subtracts reversals of earned entries (what was actually taken back), but not spending or refunds", async () => {
    const { ctx } = await brandWithLadder();
    const customer = await makeCustomer(ctx);
    const [kept, reversed, clamped] = await post(ctx, [
      mentionAward(customer.id, "kept", 300),
      mentionAward(customer.id, "reversed", 200),
      mentionAward(customer.id, "clamped", 100),
    ]);
    const cctx = customerContext(ctx, customer.id);
    const before = new Date();
    // createdAt keeps milliseconds: a reversal made in the same millisecond as `before` would count
    // as made by then (seen once under load), so the clock moves on first.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await inTx((tx) => reverseLedgerEntry(tx, ctx, { entryId: reversed!.id, reason: "post deleted" }));
    expect((await tierStatus(cctx)).earnedInPeriod).toBe(400);
    // The reversal did not exist yet at `before`.
    expect((await tierStatus(cctx, before)).earnedInPeriod).toBe(600);

    // Spend down to 30, then reverse the 100: only 30 can be taken back, so 70 of it stays earned.
    await adjustPoints(ctx, { customerId: customer.id, amount: -370, reason: "Correction by staff", idempotencyKey: "neg" });
    const clampedReversal = await inTx((tx) => reverseLedgerEntry(tx, ctx, { entryId: clamped!.id, reason: "post deleted" }));
    expect(clampedReversal.entry.amount).toBe(-30);
    // 300 kept + 70 left of the clamped one; the negative adjustment is not "un-earning".
    expect((await tierStatus(cctx)).earnedInPeriod).toBe(370);
    expect(kept).toBeDefined();

    // A positive adjustment is earned (it is what staff grant by hand, and lifetimeEarned counts it too).
    await adjustPoints(ctx, { customerId: customer.id, amount: 130, reason: "Goodwill", idempotencyKey: "pos" });
    expect((await tierStatus(cctx)).earnedInPeriod).toBe(500);
  });

  it("staff read one customer or a list; another brand's customer is not found and is left out of lists", async () => {
    const { ctx, silver } = await brandWithLadder();
    const other = await createTenantWithMember("OWNER");
    const mine = await makeCustomer(ctx);
    const theirs = await makeCustomer(other.ctx);
    await post(ctx, [mentionAward(mine.id, "m", 520)]);
    await post(other.ctx, [mentionAward(theirs.id, "t", 9000)]);
    expect((await customerTierStatus(ctx, mine.id)).tier).toEqual(silver);
    await expectAppError(customerTierStatus(ctx, theirs.id), "NOT_FOUND");
    await expectAppError(tierStatus(customerContext(ctx, theirs.id)), "NOT_FOUND");
    const list = await customerTierStatuses(ctx, [mine.id, theirs.id]);
    expect([...list.keys()]).toEqual([mine.id]);
  });
});

describe("customerMeetsTier (a reward's minimum-tier gate)", () => {
  it("is true at or above the tier, false below, for an erased customer and across brands; an unknown tier is NOT_FOUND", async () => {
    const { ctx, silver, gold } = await brandWithLadder();
    const other = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx);
    await post(ctx, [mentionAward(customer.id, "g", 2000)]);
    expect(await inTx((tx) => customerMeetsTier(tx, ctx, customer.id, silver.id))).toBe(true);
    expect(await inTx((tx) => customerMeetsTier(tx, ctx, customer.id, gold.id))).toBe(true);
    const low = await makeCustomer(ctx);
    await post(ctx, [mentionAward(low.id, "l", 499)]);
    expect(await inTx((tx) => customerMeetsTier(tx, ctx, low.id, silver.id))).toBe(false);
    await expectAppError(
      inTx((tx) => customerMeetsTier(tx, other.ctx, customer.id, silver.id)),
      "NOT_FOUND",
    );
    await deleteCustomer(ctx, customer.id);
    expect(await inTx((tx) => customerMeetsTier(tx, ctx, customer.id, silver.id))).toBe(false);
  });
});
