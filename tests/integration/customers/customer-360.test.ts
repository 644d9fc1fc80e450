// The customer 360 (issue 12 item 5): what staff read about one customer, and the two actions on
// it (a manual adjustment, an unlink on the customer's behalf), against real Postgres: who may,
// who may not, and that another brand's customer or account answers NOT_FOUND and stays as it was.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { getCustomer360 } from "../../../src/server/modules/customers/customer-360";
import { unlinkCustomerAccount } from "../../../src/server/modules/customers/customer-accounts";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { describeEntry } from "../../../src/server/modules/ledger/ledger-explanation";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import { myLinkedAccounts } from "../../../src/server/modules/portal/accounts/my-accounts";
import { submitFeedback } from "../../../src/server/modules/feedback/submit-feedback";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { createTier } from "../../../src/server/modules/tiers/tier.service";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { expectAppError } from "../ledger/ledger-test-kit";

const EXPLANATION = {
  rule: { id: "rule_x", name: "Brand mention", network: "TWITTER", action: "MENTION", basePoints: 10 },
  followers: 2140,
  formula: "10 × 3 influence = 30",
};

/** A customer as the demo has them: an X and a Foursquare account linked, a paid mention, a spend on a pending reward, an NPS answer. */
async function linkedCustomerWithPoints(ctx: TenantContext) {
  const customer = await makeCustomer(ctx, { displayName: "Linked and paid" });
  const db = unsafeCrossTenantDb();
  const now = new Date();
  const x = await db.socialProfile.create({
    data: {
      tenantId: ctx.tenantId,
      customerId: customer.id,
      network: "TWITTER",
      externalUserId: `x-${randomUUID()}`,
      handle: "linkedfan",
      linkedAt: now,
      followersCount: 2140,
    },
  });
  const fsq = await db.socialProfile.create({
    data: {
      tenantId: ctx.tenantId,
      customerId: customer.id,
      network: "FOURSQUARE",
      externalUserId: `f-${randomUUID()}`,
      handle: "linkedfan4sq",
      linkedAt: now,
      checkinSyncStatus: "THROTTLED",
      checkinThrottleCount: 2,
      checkinLastRunAt: now,
    },
  });
  await db.consentRecord.create({
    data: { tenantId: ctx.tenantId, customerId: customer.id, socialProfileId: x.id, network: "TWITTER", allowPosting: true, policyVersion: "v1" },
  });
  const mention = await db.mention.create({
    data: {
      tenantId: ctx.tenantId,
      network: "TWITTER",
      externalId: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
      customerId: customer.id,
      socialProfileId: x.id,
      authorExternalId: x.externalUserId,
      authorHandle: "linkedfan",
      authorFollowers: 2140,
      text: "Loving the new menu at Tasti 🍕",
      url: "https://x.com/linkedfan/status/1",
      postedAt: now,
      status: "CREDITED",
    },
  });
  await getDb().$transaction((tx) =>
    postLedgerEntries(tx, ctx, [
      { customerId: customer.id, amount: 30, source: "MENTION", idempotencyKey: `m-${mention.id}`, mentionId: mention.id, explanation: EXPLANATION },
    ]),
  );
  const reward = await createReward(ctx, { name: "Free coffee", cost: 10 });
  await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: `r-${customer.id}` });
  await submitFeedback(
    { tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, customerId: customer.id, actor: { type: "CUSTOMER", id: customer.id } },
    { score: 9, comment: "great" },
  );
  return { customer, x, fsq, mention };
}

describe("the customer 360", () => {
  it("shows a customer's linked accounts with their sync state next to their points (regression: the page said 'No linked accounts')", async () => {
    const { ctx } = await createTenantWithMember("VIEWER");
    const owner = await addMember(ctx, "OWNER");
    const { customer, x, fsq } = await linkedCustomerWithPoints(owner.ctx);
    const view = await getCustomer360(ctx, customer.id);

    expect(view.accounts.map((a) => [a.network, a.handle, a.status])).toEqual(
      expect.arrayContaining([
        ["TWITTER", "linkedfan", "ACTIVE"],
        ["FOURSQUARE", "linkedfan4sq", "ACTIVE"],
      ]),
    );
    expect(view.accounts).toHaveLength(2);
    expect(view.accounts.find((a) => a.id === x.id)).toMatchObject({ networkLabel: "X", followersCount: 2140, autoSharing: true, checkins: null });
    expect(view.accounts.find((a) => a.id === fsq.id)?.checkins).toMatchObject({ status: "THROTTLED", throttleCount: 2 });
    expect(view.points).toEqual({ balance: 20, pending: 10, lifetimeEarned: 30 });
  });

  it("explains every ledger entry in words from what it stored, linked to its mention, with mentions, redemptions, consents, answers and audit", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await createTier(ctx, { name: "Silver", threshold: 25 });
    await createTier(ctx, { name: "Gold", threshold: 100 });
    const { customer, mention } = await linkedCustomerWithPoints(ctx);
    await adjustPoints(ctx, { customerId: customer.id, amount: 5, reason: "Goodwill after a late delivery", idempotencyKey: "goodwill" });
    const view = await getCustomer360(ctx, customer.id);

    const award = view.ledger.lines.find((l) => l.source === "MENTION")!;
    expect(award.summary).toBe(describeEntry({ amount: 30, source: "MENTION", explanation: EXPLANATION }));
    expect(award.summary).toContain("Brand mention");
    expect(award.mention).toEqual({ id: mention.id, excerpt: "Loving the new menu at Tasti 🍕", url: "https://x.com/linkedfan/status/1" });
    expect(view.ledger.lines[0]!.summary).toBe("+5 points manual adjustment: Goodwill after a late delivery");
    expect(view.ledger.total).toBe(3);
    expect(view.ledger.lines.map((l) => l.amount)).toEqual([5, -10, 30]);

    expect(view.tier.tier?.name).toBe("Silver");
    expect(view.tier).toMatchObject({ earnedInPeriod: 35, pointsToNext: 65 });
    expect(view.mentions.total).toBe(1);
    expect(view.mentions.lines[0]).toMatchObject({ id: mention.id, points: 30, text: "Loving the new menu at Tasti 🍕" });
    expect(view.redemptions).toEqual([expect.objectContaining({ rewardName: "Free coffee", cost: 10, status: "PENDING" })]);
    expect(view.consents).toEqual([expect.objectContaining({ account: "@linkedfan on X", allowPosting: true, revokedAt: null })]);
    expect(view.feedback).toEqual([expect.objectContaining({ score: 9, npsClass: "PROMOTER", comment: "great" })]);
    expect(view.npsClass).toBe("PROMOTER");
    const actions = view.audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["customer.created", "ledger.adjusted", "reward.redeemed", "feedback.answered"]));
    expect(view.audit.find((a) => a.action === "ledger.adjusted")).toMatchObject({
      actor: "OWNER user",
      details: expect.stringContaining("reason: Goodwill after a late delivery"),
    });
  });

  it("answers NOT_FOUND for another brand's customer", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const { customer } = await linkedCustomerWithPoints(b.ctx);
    await expectAppError(getCustomer360(a.ctx, customer.id), "NOT_FOUND");
  });
});

describe("a manual adjustment from the 360", () => {
  it("owners and admins may adjust; marketers and viewers are refused and nothing is posted", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx);
    for (const role of ["VIEWER", "MARKETER"] as const) {
      const member = await addMember(ctx, role);
      await expectAppError(adjustPoints(member.ctx, { customerId: customer.id, amount: 10, reason: "not allowed", idempotencyKey: role }), "FORBIDDEN");
    }
    expect(await getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId, customerId: customer.id } })).toBe(0);
    const admin = await addMember(ctx, "ADMIN");
    await adjustPoints(admin.ctx, { customerId: customer.id, amount: 40, reason: "store visit", idempotencyKey: "admin-1" });
    // The same form twice posts once; a removal is an ADJUSTMENT entry of its own (append-only).
    await adjustPoints(admin.ctx, { customerId: customer.id, amount: 40, reason: "store visit", idempotencyKey: "admin-1" });
    await adjustPoints(ctx, { customerId: customer.id, amount: -15, reason: "double credit", idempotencyKey: "owner-1" });
    const view = await getCustomer360(ctx, customer.id);
    expect(view.points.balance).toBe(25);
    expect(view.ledger.lines.map((l) => [l.source, l.amount])).toEqual([
      ["ADJUSTMENT", -15],
      ["ADJUSTMENT", 40],
    ]);
  });

  it("refuses another brand's customer as NOT_FOUND and leaves its balance", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const victim = await makeCustomer(b.ctx);
    await adjustPoints(b.ctx, { customerId: victim.id, amount: 50, reason: "seed", idempotencyKey: "seed" });
    await expectAppError(adjustPoints(a.ctx, { customerId: victim.id, amount: -50, reason: "attack", idempotencyKey: "attack" }), "NOT_FOUND");
    expect((await getCustomer360(b.ctx, victim.id)).points.balance).toBe(50);
  });
});

describe("unlinking an account on the customer's behalf", () => {
  it("marketers, admins and owners may; viewers may not", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const viewer = await addMember(ctx, "VIEWER");
    const marketer = await addMember(ctx, "MARKETER");
    const { customer, x } = await linkedCustomerWithPoints(ctx);
    await expectAppError(unlinkCustomerAccount(viewer.ctx, { customerId: customer.id, profileId: x.id }), "FORBIDDEN");
    expect((await getCustomer360(ctx, customer.id)).accounts).toHaveLength(2);

    const now = new Date();
    const outcome = await unlinkCustomerAccount(marketer.ctx, { customerId: customer.id, profileId: x.id }, now);
    expect(outcome).toEqual({ handle: "linkedfan", atNetwork: "revoked" });
    const profile = await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: x.id } });
    expect(profile).toMatchObject({ customerId: null, status: "REVOKED", scopes: [] });
    const consents = await getDb().consentRecord.findMany({ where: { tenantId: ctx.tenantId, socialProfileId: x.id } });
    expect(consents.map((c) => c.revokedAt?.toISOString())).toEqual([now.toISOString()]);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { tenantId: ctx.tenantId, action: "social_profile.unlinked", targetId: customer.id } });
    expect(audit).toMatchObject({ actorType: "USER", actorId: marketer.user.id });

    // The portal's own list and the 360 agree: one account left; points stay.
    const cctx = { tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, customerId: customer.id, actor: { type: "CUSTOMER" as const, id: customer.id } };
    expect((await myLinkedAccounts(cctx)).map((a) => a.handle)).toEqual(["linkedfan4sq"]);
    const view = await getCustomer360(ctx, customer.id);
    expect(view.accounts.map((a) => a.handle)).toEqual(["linkedfan4sq"]);
    expect(view.points.balance).toBe(20);
    await expectAppError(unlinkCustomerAccount(ctx, { customerId: customer.id, profileId: x.id }), "NOT_FOUND");
  });

  it("refuses another brand's customer, and another brand's account named with one's own customer, as NOT_FOUND", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const mine = await makeCustomer(a.ctx);
    const { customer, x } = await linkedCustomerWithPoints(b.ctx);
    await expectAppError(unlinkCustomerAccount(a.ctx, { customerId: customer.id, profileId: x.id }), "NOT_FOUND");
    await expectAppError(unlinkCustomerAccount(a.ctx, { customerId: mine.id, profileId: x.id }), "NOT_FOUND");
    const profile = await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: b.ctx.tenantId, id: x.id } });
    expect(profile).toMatchObject({ customerId: customer.id, status: "ACTIVE" });
    expect(await getDb().auditLog.count({ where: { tenantId: b.ctx.tenantId, action: "social_profile.unlinked" } })).toBe(0);
  });
});
