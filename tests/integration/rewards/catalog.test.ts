import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { listCatalogForCustomer, listMyRedemptions } from "../../../src/server/modules/rewards/customer-catalog";
import { redeemAsCustomer, redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { cancelRedemption, fulfilRedemption, listRedemptions } from "../../../src/server/modules/rewards/redemption.service";
import { uploadRewardCodes } from "../../../src/server/modules/rewards/reward-codes.service";
import { archiveReward, createReward, listRewardsWithCounts, updateReward } from "../../../src/server/modules/rewards/reward.service";
import { addMember, createTenantWithMember } from "../support/factories";
import { expectAppError } from "../ledger/ledger-test-kit";
import { balanceOf, customerWith, ledgerOf, rewardRow } from "./rewards-kit";
import { createTier } from "../../../src/server/modules/tiers/tier.service";

const HOUR = 3_600_000;

describe("redeeming: what is refused, and that nothing is half-written", () => {
  it("refuses before the window opens and from its (exclusive) end on, an inactive reward, and a tier the customer has not reached", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer, cctx } = await customerWith(ctx, 1_000);
    const now = Date.now();
    const soon = await createReward(ctx, { name: "Soon", cost: 10, availableFrom: new Date(now + HOUR) });
    const over = await createReward(ctx, { name: "Over", cost: 10, availableFrom: new Date(now - 2 * HOUR), availableUntil: new Date(now - 1) });
    const paused = await createReward(ctx, { name: "Paused", cost: 10, active: false });
    const goldTier = await createTier(ctx, { name: "Gold", threshold: 5_000 });
    const gold = await createReward(ctx, { name: "Gold only", cost: 10, minimumTierId: goldTier.id });
    await expectAppError(redeemAsCustomer(cctx, { rewardId: soon.id, idempotencyKey: "a" }), "CONFLICT", /“Soon” can be redeemed from /);
    await expectAppError(redeemAsCustomer(cctx, { rewardId: over.id, idempotencyKey: "b" }), "CONFLICT", /“Over” is no longer available: it ended /);
    await expectAppError(redeemAsCustomer(cctx, { rewardId: paused.id, idempotencyKey: "c" }), "NOT_FOUND", /reward not found/);
    await expectAppError(redeemAsCustomer(cctx, { rewardId: gold.id, idempotencyKey: "d" }), "CONFLICT", /this reward is for Gold tier members and up/);
    expect(await balanceOf(ctx, customer.id)).toBe(1_000);
    expect(await ledgerOf(ctx, customer.id)).toEqual([]);
    expect(await getDb().redemption.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });

  it("a staff preview of the portal cannot spend the customer's points", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer, cctx } = await customerWith(ctx, 100);
    const reward = await createReward(ctx, { name: "Pen", cost: 10 });
    const preview = { ...cctx, previewBy: { userId: ctx.actor.id! } };
    await expectAppError(redeemAsCustomer(preview, { rewardId: reward.id, idempotencyKey: "p" }), "FORBIDDEN", /read-only preview/);
    expect(await balanceOf(ctx, customer.id)).toBe(100);
  });

  it("tells staff and the customer, each in their words, about too few points and the per-customer limit", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer, cctx } = await customerWith(ctx, 150);
    const once = await createReward(ctx, { name: "Tour", cost: 100, perCustomerLimit: 1 });
    await redeemReward(ctx, { customerId: customer.id, rewardId: once.id, idempotencyKey: "tour-1" });
    await expectAppError(
      redeemAsCustomer(cctx, { rewardId: once.id, idempotencyKey: "tour-2" }),
      "CONFLICT",
      /can be redeemed once per customer, and you already did/,
    );
    const big = await createReward(ctx, { name: "Bike", cost: 5_000 });
    await expectAppError(
      redeemReward(ctx, { customerId: customer.id, rewardId: big.id, idempotencyKey: "bike" }),
      "CONFLICT",
      /^not enough points: “Bike” costs 5,000 points and the customer has 50 points \(4,950 points more needed\)$/,
    );
    expect(await balanceOf(ctx, customer.id)).toBe(50);
  });

  it("an out-of-stock reward writes no redemption and no ledger entry", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer, cctx } = await customerWith(ctx, 500);
    const empty = await createReward(ctx, { name: "Sold out", cost: 10, stock: 0 });
    const pool = await createReward(ctx, { name: "Empty pool", cost: 10, fulfilment: "CODE_POOL" });
    await expectAppError(redeemAsCustomer(cctx, { rewardId: empty.id, idempotencyKey: "x" }), "CONFLICT", /“Sold out” is out of stock/);
    await expectAppError(redeemAsCustomer(cctx, { rewardId: pool.id, idempotencyKey: "y" }), "CONFLICT", /“Empty pool” is out of stock/);
    expect(await ledgerOf(ctx, customer.id)).toEqual([]);
    expect(await balanceOf(ctx, customer.id)).toBe(500);
  });

  it("a generated code is shown at once, readable, fulfilled; a manual reward waits for staff", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer, cctx } = await customerWith(ctx, 500);
    const coffee = await createReward(ctx, { name: "Coffee", cost: 50, fulfilment: "GENERATED_CODE" });
    const mug = await createReward(ctx, { name: "Mug", cost: 60, stock: 2 });
    const coded = await redeemAsCustomer(cctx, { rewardId: coffee.id, idempotencyKey: "k1" });
    expect(coded.redemption).toMatchObject({ status: "FULFILLED", code: expect.stringMatching(/^[A-HJKMNP-TV-Z2-9]{4}(-[A-HJKMNP-TV-Z2-9]{4}){3}$/) });
    expect(coded.redemption.fulfilledAt).not.toBeNull();
    const manual = await redeemAsCustomer(cctx, { rewardId: mug.id, idempotencyKey: "k2" });
    expect(manual.redemption).toMatchObject({ status: "PENDING", code: null, fulfilledAt: null });
    expect(manual.balance).toBe(390);
    const fulfilled = await fulfilRedemption(ctx, { id: manual.redemption.id });
    expect(fulfilled).toMatchObject({ unchanged: false, redemption: { status: "FULFILLED" } });
    expect(await fulfilRedemption(ctx, { id: manual.redemption.id })).toMatchObject({ unchanged: true });
    const mine = await listMyRedemptions(cctx);
    expect(mine.map((r) => [r.rewardName, r.status, r.code])).toEqual([
      ["Mug", "FULFILLED", null],
      ["Coffee", "FULFILLED", coded.redemption.code],
    ]);
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "reward.redeemed", actorType: "CUSTOMER", actorId: customer.id } })).toBe(2);
  });

  it("cancelling gives the points back by a new entry, returns stock, voids a pool code; a cancelled one cannot be fulfilled", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer, cctx } = await customerWith(ctx, 300);
    const mug = await createReward(ctx, { name: "Mug", cost: 100, stock: 1 });
    const pool = await createReward(ctx, { name: "Voucher", cost: 100, fulfilment: "CODE_POOL" });
    await uploadRewardCodes(ctx, { rewardId: pool.id, text: "V-1\nV-2" });
    const a = await redeemAsCustomer(cctx, { rewardId: mug.id, idempotencyKey: "m" });
    const b = await redeemAsCustomer(cctx, { rewardId: pool.id, idempotencyKey: "v" });
    expect(["V-1", "V-2"]).toContain(b.redemption.code);
    await cancelRedemption(ctx, { id: a.redemption.id, reason: "broken in transit" });
    await cancelRedemption(ctx, { id: b.redemption.id, reason: "customer asked" });
    expect(await balanceOf(ctx, customer.id)).toBe(300);
    expect((await rewardRow(ctx, mug.id)).stock).toBe(1);
    expect((await rewardRow(ctx, pool.id)).stock).toBe(1);
    const again = await redeemAsCustomer(cctx, { rewardId: pool.id, idempotencyKey: "v2" });
    const voided = b.redemption.code!;
    expect(again.redemption.code).toBe(voided === "V-1" ? "V-2" : "V-1");
    await expectAppError(fulfilRedemption(ctx, { id: a.redemption.id }), "CONFLICT", /cancelled/);
    const listed = await listRedemptions(ctx, { status: "CANCELLED" });
    expect(listed.map((r) => [r.rewardName, r.cancelReason])).toEqual([
      ["Voucher", "customer asked"],
      ["Mug", "broken in transit"],
    ]);
    expect(await getDb().rewardCode.findFirst({ where: { tenantId: ctx.tenantId, code: voided }, select: { voidedAt: true } })).toEqual({
      voidedAt: expect.any(Date),
    });
  });

  it("a marketer fulfils but cannot cancel (it moves points); a viewer does neither; another brand sees 404", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const marketer = await addMember(ctx, "MARKETER");
    const viewer = await addMember(ctx, "VIEWER");
    const other = await createTenantWithMember("OWNER");
    const { customer } = await customerWith(ctx, 100);
    const reward = await createReward(ctx, { name: "Pin", cost: 10 });
    const { redemption } = await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "pin" });
    await expectAppError(fulfilRedemption(viewer.ctx, { id: redemption.id }), "FORBIDDEN");
    await expectAppError(cancelRedemption(marketer.ctx, { id: redemption.id, reason: "nope" }), "FORBIDDEN", /ledger adjust/);
    await expectAppError(fulfilRedemption(other.ctx, { id: redemption.id }), "NOT_FOUND");
    await expectAppError(cancelRedemption(other.ctx, { id: redemption.id, reason: "steal" }), "NOT_FOUND");
    await expectAppError(uploadRewardCodes(other.ctx, { rewardId: reward.id, text: "X" }), "NOT_FOUND");
    await expectAppError(archiveReward(other.ctx, { id: reward.id }), "NOT_FOUND");
    expect(await fulfilRedemption(marketer.ctx, { id: redemption.id })).toMatchObject({ unchanged: false });
  });
});

describe("the catalogue for staff and for the portal", () => {
  it("uploads codes with a summary of duplicates, blanks, bad values and codes already held", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const pool = await createReward(ctx, { name: "Gift card", cost: 10, fulfilment: "CODE_POOL", stock: 99 });
    expect((await rewardRow(ctx, pool.id)).stock).toBe(0);
    const first = await uploadRewardCodes(ctx, { rewardId: pool.id, text: "code\nAAA-1\nBBB-2\n\nAAA-1\nhas space\n" });
    expect(first).toEqual({
      added: 2,
      duplicatesInUpload: ["AAA-1"],
      alreadyInPool: [],
      blankLines: [4],
      invalid: [{ line: 6, value: "has space", reason: expect.any(String) }],
      stock: 2,
    });
    const second = await uploadRewardCodes(ctx, { rewardId: pool.id, text: '"BBB-2",first batch\r\n"CCC-3",second batch\r\n' });
    expect(second).toMatchObject({ added: 1, alreadyInPool: ["BBB-2"], stock: 3 });
    const manual = await createReward(ctx, { name: "Manual", cost: 10 });
    await expectAppError(uploadRewardCodes(ctx, { rewardId: manual.id, text: "X-1" }), "CONFLICT", /code pool/);
    const [item] = (await listRewardsWithCounts(ctx)).filter((r) => r.id === pool.id);
    expect(item).toMatchObject({ stock: 3, unclaimedCodes: 3, redeemedCount: 0 });
  });

  it("edits a reward, refuses a bad window and a delivery change after history, archives a redeemed one and deletes an unused one", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { customer } = await customerWith(ctx, 100);
    const reward = await createReward(ctx, { name: "Hat", cost: 10, stock: 5 });
    await expect(
      updateReward(ctx, { id: reward.id, name: "Hat", cost: 10, availableFrom: new Date("2027-01-02"), availableUntil: new Date("2027-01-01") }),
    ).rejects.toThrow(/must be after the start/);
    await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "hat" });
    const edited = await updateReward(ctx, { id: reward.id, name: "Wool hat", cost: 15, stock: 9, perCustomerLimit: 3 });
    expect(edited).toMatchObject({ name: "Wool hat", cost: 15, stock: 9, perCustomerLimit: 3 });
    await expectAppError(updateReward(ctx, { id: reward.id, name: "Wool hat", cost: 15, fulfilment: "GENERATED_CODE" }), "CONFLICT", /delivery cannot change/);
    expect(await archiveReward(ctx, { id: reward.id })).toEqual({ archived: true, deleted: false });
    expect((await rewardRow(ctx, reward.id)).archivedAt).not.toBeNull();
    const unused = await createReward(ctx, { name: "Unused", cost: 10 });
    expect(await archiveReward(ctx, { id: unused.id })).toEqual({ archived: false, deleted: true });
    expect(await getDb().redemption.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
  });

  it("shows the customer what they can afford, what they are close to, their allowance and stock", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { cctx } = await customerWith(ctx, 120);
    const now = new Date();
    await createReward(ctx, { name: "Sticker", cost: 20, perCustomerLimit: 1 });
    await createReward(ctx, { name: "Mug", cost: 150, stock: 4 });
    await createReward(ctx, { name: "Gone", cost: 5, stock: 0 });
    await createReward(ctx, { name: "Next week", cost: 10, availableFrom: new Date(now.getTime() + 7 * 24 * HOUR) });
    await createReward(ctx, { name: "Hidden", cost: 10, active: false });
    const sticker = (await listRewardsWithCounts(ctx)).find((r) => r.name === "Sticker")!;
    await redeemAsCustomer(cctx, { rewardId: sticker.id, idempotencyKey: "s" });
    const catalog = await listCatalogForCustomer(cctx, now);
    expect(catalog.balance).toBe(100);
    expect(catalog.items.map((i) => [i.name, i.affordable, i.pointsNeeded, i.remainingForYou, i.outOfStock, i.availability, i.redeemable])).toEqual([
      ["Gone", true, 0, null, true, "open", false],
      ["Next week", true, 0, null, false, "not-yet", false],
      ["Sticker", true, 0, 0, false, "open", false],
      ["Mug", false, 50, null, false, "open", false],
    ]);
  });
});
