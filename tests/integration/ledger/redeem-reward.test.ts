import { afterEach, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { explainEntry, getBalance } from "../../../src/server/modules/ledger/ledger-queries";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { allAtMost, settleAtMost } from "../support/at-most";
import { entryCount, expectAppError } from "./ledger-test-kit";

/**
 * How many redemptions of a burst are in flight at once. Each one holds its transaction open while
 * it waits for the row every other one also updates (the balance, the stock), and Prisma ends an
 * interactive transaction after 5 s: with 10 (or, waiting for a pool connection, 64) queued on one
 * row, how long the last one waits is the machine's speed times the queue, which a loaded machine
 * pushed past 5 s. Four at a time still race for the row on every redemption, and the wait stays a
 * few short lock holds (see also support/at-most.ts).
 */
const RACE_WIDTH = 4;

async function customerWith(ctx: TenantContext, points: number) {
  const customer = await makeCustomer(ctx);
  if (points > 0) await adjustPoints(ctx, { customerId: customer.id, amount: points, reason: "Test balance", idempotencyKey: `seed-${customer.id}` });
  return customer;
}

async function stockOf(ctx: TenantContext, rewardId: string) {
  return (await getDb().reward.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: rewardId }, select: { stock: true } })).stock;
}

function redemptionCount(ctx: TenantContext) {
  return getDb().redemption.count({ where: { tenantId: ctx.tenantId } });
}

describe("redeemReward", () => {
  afterEach(() => assertLedgerInvariants());

  it("spends the points, takes one from stock, records the redemption and a ledger entry that explains it", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customer = await customerWith(ctx, 500);
    const reward = await createReward(ctx, { name: "Tote bag", cost: 120, stock: 3 });
    const result = await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "tote-1" });
    expect(result).toMatchObject({ balance: 380, replayed: false, redemption: { customerId: customer.id, rewardId: reward.id, cost: 120, status: "PENDING" } });
    expect(await stockOf(ctx, reward.id)).toBe(2);
    expect(await getBalance(ctx, customer.id)).toMatchObject({ balance: 380, lifetimeEarned: 500 });
    const entry = await getDb().ledgerEntry.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: result.ledgerEntryId } });
    expect(entry).toMatchObject({ amount: -120, source: "REDEMPTION", redemptionId: result.redemption.id });
    expect(await explainEntry(ctx, entry.id)).toBe("−120 points spent on a reward: 120 for “Tote bag”");
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "reward.redeemed", targetId: result.redemption.id } })).toBe(1);
  });

  it("returns the first redemption for a repeated idempotency key, also when the repeats race", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customer = await customerWith(ctx, 1_000);
    const reward = await createReward(ctx, { name: "Cap", cost: 100, stock: 10 });
    const input = { customerId: customer.id, rewardId: reward.id, idempotencyKey: "cap-click" };
    const raced = await Promise.all(Array.from({ length: 6 }, () => redeemReward(ctx, input)));
    const later = await redeemReward(ctx, input);
    expect(new Set([...raced, later].map((r) => r.redemption.id)).size).toBe(1);
    expect([...raced, later].filter((r) => !r.replayed)).toHaveLength(1);
    expect(later).toMatchObject({ replayed: true, balance: 900 });
    expect(later.ledgerEntryId).toBe(raced.find((r) => !r.replayed)!.ledgerEntryId);
    expect(await stockOf(ctx, reward.id)).toBe(9);
    expect(await redemptionCount(ctx)).toBe(1);
    const other = await createReward(ctx, { name: "Mug", cost: 10 });
    await expectAppError(redeemReward(ctx, { ...input, rewardId: other.id }), "CONFLICT", /different redemption/);
  });

  it("refuses with 'not enough points' and changes nothing", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customer = await customerWith(ctx, 99);
    const reward = await createReward(ctx, { name: "Jacket", cost: 100, stock: 1 });
    await expectAppError(
      redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "j" }),
      "CONFLICT",
      /not enough points: “Jacket” costs 100 points and the customer has 99 points/,
    );
    expect((await getBalance(ctx, customer.id)).balance).toBe(99);
    expect(await stockOf(ctx, reward.id)).toBe(1);
    expect(await redemptionCount(ctx)).toBe(0);
    // A customer who never earned anything has no balance row at all.
    const newcomer = await customerWith(ctx, 0);
    await expectAppError(redeemReward(ctx, { customerId: newcomer.id, rewardId: reward.id, idempotencyKey: "n" }), "CONFLICT", /not enough points/);
  });

  it("refuses an out-of-stock reward without touching the points", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customer = await customerWith(ctx, 1_000);
    const reward = await createReward(ctx, { name: "Signed poster", cost: 100, stock: 1 });
    await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "p-1" });
    await expectAppError(redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "p-2" }), "CONFLICT", /out of stock/);
    expect((await getBalance(ctx, customer.id)).balance).toBe(900);
    expect(await stockOf(ctx, reward.id)).toBe(0);
    expect(await redemptionCount(ctx)).toBe(1);
  });

  it("answers NOT_FOUND for an inactive, unknown or foreign reward and for a foreign customer", async () => {
    const mine = await createTenantWithMember("ADMIN");
    const theirs = await createTenantWithMember("ADMIN");
    const customer = await customerWith(mine.ctx, 1_000);
    const foreignCustomer = await customerWith(theirs.ctx, 1_000);
    const retired = await createReward(mine.ctx, { name: "Old mug", cost: 10, active: false });
    const foreignReward = await createReward(theirs.ctx, { name: "Their mug", cost: 10 });
    const myReward = await createReward(mine.ctx, { name: "My mug", cost: 10 });
    const attempt = (customerId: string, rewardId: string, key: string) => redeemReward(mine.ctx, { customerId, rewardId, idempotencyKey: key });
    await expectAppError(attempt(customer.id, retired.id, "a"), "NOT_FOUND", /reward/);
    await expectAppError(attempt(customer.id, "rwd_00000000000000000000000000000000", "b"), "NOT_FOUND", /reward/);
    await expectAppError(attempt(customer.id, foreignReward.id, "c"), "NOT_FOUND", /reward/);
    await expectAppError(attempt(foreignCustomer.id, myReward.id, "d"), "NOT_FOUND", /customer/);
    expect((await getBalance(theirs.ctx, foreignCustomer.id)).balance).toBe(1_000);
    expect((await getBalance(mine.ctx, customer.id)).balance).toBe(1_000);
    expect(await redemptionCount(mine.ctx)).toBe(0);
  });

  it("lets exactly 10 of 64 concurrent redemptions through against 1,000 points at cost 100", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customer = await customerWith(ctx, 1_000);
    const reward = await createReward(ctx, { name: "Sticker pack", cost: 100 });
    const results = await settleAtMost(
      64,
      (i) => redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: `burst-${i}` }),
      RACE_WIDTH,
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    console.info(`64 concurrent redemptions against 1,000 points at cost 100: ${ok.length} succeeded, ${refused.length} refused`);
    expect(ok).toHaveLength(10);
    expect(refused.every((e) => e instanceof AppError && e.code === "CONFLICT" && /not enough points/.test(e.message))).toBe(true);
    expect((await getBalance(ctx, customer.id)).balance).toBe(0);
    expect(await redemptionCount(ctx)).toBe(10);
    expect(await entryCount(ctx, customer.id)).toBe(11);
  });

  it("never oversells stock when 64 redemptions from many customers race for 20 items", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customers = await allAtMost(16, () => customerWith(ctx, 300));
    const reward = await createReward(ctx, { name: "Limited sneakers", cost: 100, stock: 20 });
    const results = await settleAtMost(
      64,
      (i) => redeemReward(ctx, { customerId: customers[i % 16]!.id, rewardId: reward.id, idempotencyKey: `drop-${i}` }),
      RACE_WIDTH,
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const outOfStock = results.filter((r) => r.status === "rejected" && /out of stock/.test(String((r.reason as Error).message))).length;
    console.info(
      `64 concurrent redemptions for 20 items from 16 customers: ${ok} succeeded, ${outOfStock} out of stock, ${64 - ok - outOfStock} other refusals`,
    );
    expect(ok).toBe(20);
    expect(await stockOf(ctx, reward.id)).toBe(0);
    expect(await redemptionCount(ctx)).toBe(20);
    const spent = await getDb().ledgerEntry.aggregate({ where: { tenantId: ctx.tenantId, source: "REDEMPTION" }, _sum: { amount: true } });
    expect(spent._sum.amount).toBe(-2_000);
  });
});
