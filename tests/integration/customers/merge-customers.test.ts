import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { listCustomers } from "../../../src/server/modules/customers/customer.service";
import { mergeCustomers } from "../../../src/server/modules/customers/merge-customers";
import { mergeSurvivorOf, previewMerge } from "../../../src/server/modules/customers/merge-preview";
import { describeEntry } from "../../../src/server/modules/ledger/ledger-explanation";
import type { AwardExplanation } from "../../../src/server/modules/ledger/ledger.types";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import { disqualifyMention } from "../../../src/server/modules/mentions/moderation/disqualify-mention";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { cancelRedemption } from "../../../src/server/modules/rewards/redemption.service";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { expectAppError } from "../ledger/ledger-test-kit";

const EXPLANATION = { formula: "10 × 3 influence = 30" };

/** A duplicate record as staff find them: a linked account, a paid mention, a consent, a pending redemption. */
async function duplicateWithHistory(ctx: TenantContext, points: number) {
  const customer = await makeCustomer(ctx, { displayName: "Ann (old sign-up)", phone: "+44 20 7946 0000", externalId: `ext-${randomUUID()}` });
  const db = unsafeCrossTenantDb();
  const profile = await db.socialProfile.create({
    data: {
      tenantId: ctx.tenantId,
      customerId: customer.id,
      network: "TWITTER",
      externalUserId: `x-${randomUUID()}`,
      handle: "ann_old",
      linkedAt: new Date(),
      followersCount: 900,
    },
  });
  await db.consentRecord.create({
    data: { tenantId: ctx.tenantId, customerId: customer.id, socialProfileId: profile.id, network: "TWITTER", allowPosting: true, policyVersion: "v1" },
  });
  const mention = await db.mention.create({
    data: {
      tenantId: ctx.tenantId,
      network: "TWITTER",
      externalId: `${Date.now()}${Math.floor(Math.random() * 100000)}`,
      customerId: customer.id,
      socialProfileId: profile.id,
      authorExternalId: profile.externalUserId,
      authorHandle: "ann_old",
      authorFollowers: 900,
      text: "Great pizza",
      url: "https://x.com/ann_old/status/1",
      postedAt: new Date(),
      status: "CREDITED",
    },
  });
  const [award] = await getDb().$transaction((tx) =>
    postLedgerEntries(tx, ctx, [
      { customerId: customer.id, amount: points, source: "MENTION", idempotencyKey: `m-${mention.id}`, mentionId: mention.id, explanation: EXPLANATION },
    ]),
  );
  const reward = await createReward(ctx, { name: `Coffee ${randomUUID()}`, cost: 10 });
  const { redemption } = await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: `r-${customer.id}` });
  return { customer, profile, mention, award: award!, redemption };
}

async function balance(ctx: TenantContext, customerId: string) {
  const row = await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId } });
  return row?.balance ?? 0;
}

async function giveSurvivorPoints(ctx: TenantContext, customerId: string, amount: number) {
  await getDb().$transaction((tx) =>
    postLedgerEntries(tx, ctx, [{ customerId, amount, source: "CHECKIN", idempotencyKey: `c-${customerId}`, explanation: { formula: `+${amount}` } }]),
  );
}

describe("merging two customers", () => {
  it("previews what moves, then moves it all and the balance by a MERGE pair; the survivor holds both balances", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const dup = await duplicateWithHistory(ctx, 100);
    const survivor = await makeCustomer(ctx, { displayName: "Ann", emails: ["ann@example.test"] });
    await giveSurvivorPoints(ctx, survivor.id, 25);

    const preview = await previewMerge(ctx, dup.customer.id, survivor.id);
    expect(preview.merged.balance).toBe(90);
    expect(preview.survivor.balance).toBe(25);
    expect(preview.after).toEqual({ survivorBalance: 115, mergedBalance: 0 });
    expect(preview.moves).toMatchObject({ emails: 1, linkedAccounts: 1, mentions: 1, consents: 1, redemptions: 1, pendingRedemptions: 1 });
    expect(preview.fillsFields).toEqual(expect.arrayContaining(["phone", "externalId"]));

    const result = await mergeCustomers(ctx, { customerId: dup.customer.id, survivorId: survivor.id });
    expect(result).toEqual({ survivorId: survivor.id, movedPoints: 90, survivorBalance: 115 });
    expect(await balance(ctx, survivor.id)).toBe(115);
    expect(await balance(ctx, dup.customer.id)).toBe(0);

    const db = getDb();
    const pair = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, source: "MERGE" }, orderBy: { amount: "asc" } });
    expect(pair.map((e) => [e.customerId, e.amount])).toEqual([
      [dup.customer.id, -90],
      [survivor.id, 90],
    ]);
    const credit = pair[1]!.explanation as unknown as AwardExplanation;
    expect(credit.merge?.pairEntryId).toBe(pair[0]!.id);
    expect(describeEntry({ amount: 90, source: "MERGE", explanation: credit })).toMatch(
      /^\+90 points moved when customers were merged: 90 points moved from customer cus_/,
    );
    // The earlier entries are untouched: the award still belongs to the record that earned it.
    expect((await db.ledgerEntry.findFirst({ where: { tenantId: ctx.tenantId, id: dup.award.id } }))?.customerId).toBe(dup.customer.id);

    const moved = { tenantId: ctx.tenantId, customerId: survivor.id };
    expect(await db.customerEmail.findMany({ where: moved, select: { email: true, isPrimary: true }, orderBy: { email: "asc" } })).toEqual(
      expect.arrayContaining([{ email: "ann@example.test", isPrimary: true }, expect.objectContaining({ isPrimary: false })]),
    );
    expect(await db.socialProfile.count({ where: moved })).toBe(1);
    expect(await db.mention.count({ where: moved })).toBe(1);
    expect(await db.consentRecord.count({ where: moved })).toBe(1);
    expect(await db.redemption.count({ where: moved })).toBe(1);
    const after = await db.customer.findFirst({ where: { tenantId: ctx.tenantId, id: survivor.id } });
    expect(after).toMatchObject({ phone: "+44 20 7946 0000", externalId: dup.customer.externalId });
    const gone = await db.customer.findFirst({ where: { tenantId: ctx.tenantId, id: dup.customer.id } });
    expect(gone).toMatchObject({ mergedIntoId: survivor.id, externalId: null });

    expect((await listCustomers(ctx, {})).items.map((c) => c.id)).toEqual([survivor.id]);
    expect(await mergeSurvivorOf(ctx, dup.customer.id)).toBe(survivor.id);
    expect(await mergeSurvivorOf(ctx, survivor.id)).toBeNull();

    const audit = await db.auditLog.findFirst({ where: { tenantId: ctx.tenantId, action: "customer.merged" } });
    expect(audit?.data).toMatchObject({ mergedId: dup.customer.id, survivorId: survivor.id, movedPoints: 90 });
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("gives the survivor what the merged record still had to be told, and keeps an opt-out of either record", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const dup = await duplicateWithHistory(ctx, 40);
    const survivor = await makeCustomer(ctx, { displayName: "Ann", emails: ["ann@example.test"] });
    const db = getDb();
    const mine = (customerId: string) => ({ tenantId: ctx.tenantId, customerId });
    // The award and the redemption wait in the outbox (no drain ran); a digest day waits on each record.
    const pendingTold = await db.notificationOutbox.count({ where: mine(dup.customer.id) });
    expect(pendingTold).toBeGreaterThanOrEqual(1);
    const today = new Date(new Date().toISOString().slice(0, 10));
    const yesterday = new Date(today.getTime() - 86_400_000);
    await db.notificationDigestDue.createMany({
      data: [
        { ...mine(dup.customer.id), day: today },
        { ...mine(dup.customer.id), day: yesterday },
        { ...mine(survivor.id), day: today },
      ],
    });
    await db.notificationPreference.create({ data: { ...mine(dup.customer.id), digest: false } });
    await db.notificationPreference.create({ data: { ...mine(survivor.id), cap: false } });

    await mergeCustomers(ctx, { customerId: dup.customer.id, survivorId: survivor.id });

    expect(await db.notificationOutbox.count({ where: { ...mine(survivor.id), ledgerEntryId: dup.award.id } })).toBe(1);
    // What the merged record keeps in the outbox is only the merge's own debit, never sent (it is merged away).
    expect(
      (await db.notificationOutbox.findMany({ where: mine(dup.customer.id), select: { ledgerEntry: { select: { source: true } } } })).map(
        (r) => r.ledgerEntry.source,
      ),
    ).toEqual(["MERGE"]);
    expect((await db.notificationDigestDue.findMany({ where: mine(survivor.id), orderBy: { day: "asc" } })).map((d) => d.day)).toEqual([yesterday, today]);
    expect(await db.notificationDigestDue.count({ where: mine(dup.customer.id) })).toBe(0);
    expect(
      await db.notificationPreference.findUnique({ where: { tenantId_customerId: mine(survivor.id) }, select: { digest: true, affordable: true, cap: true } }),
    ).toEqual({
      digest: false,
      affordable: true,
      cap: false,
    });
  });

  it("lands later reversals on the survivor: a disqualified mention and a cancelled redemption of the merged record", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const dup = await duplicateWithHistory(ctx, 100);
    const survivor = await makeCustomer(ctx);
    await mergeCustomers(ctx, { customerId: dup.customer.id, survivorId: survivor.id });
    expect(await balance(ctx, survivor.id)).toBe(90);

    await cancelRedemption(ctx, { id: dup.redemption.id, reason: "out of stock" });
    expect(await balance(ctx, survivor.id)).toBe(100);
    await disqualifyMention(ctx, dup.mention.id, { reason: "bought followers" });
    expect(await balance(ctx, survivor.id)).toBe(0);
    expect(await balance(ctx, dup.customer.id)).toBe(0);

    const reversals = await getDb().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, source: "REVERSAL" }, select: { customerId: true, amount: true } });
    expect(reversals).toEqual(
      expect.arrayContaining([
        { customerId: survivor.id, amount: 10 },
        { customerId: survivor.id, amount: -100 },
      ]),
    );
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("follows a chain of merges: the first record's pages and reversals reach the last survivor", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const dup = await duplicateWithHistory(ctx, 50);
    const middle = await makeCustomer(ctx);
    const last = await makeCustomer(ctx);
    await mergeCustomers(ctx, { customerId: dup.customer.id, survivorId: middle.id });
    await mergeCustomers(ctx, { customerId: middle.id, survivorId: last.id });
    expect(await mergeSurvivorOf(ctx, dup.customer.id)).toBe(last.id);
    expect(await balance(ctx, last.id)).toBe(40);
    await cancelRedemption(ctx, { id: dup.redemption.id, reason: "changed mind" });
    expect(await balance(ctx, last.id)).toBe(50);
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("refuses a merge into itself, into an already-merged customer, of an already-merged one, and into another brand's customer", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const a = await makeCustomer(ctx);
    const b = await makeCustomer(ctx);
    const c = await makeCustomer(ctx);
    await expectAppError(mergeCustomers(ctx, { customerId: a.id, survivorId: a.id }), "BAD_REQUEST", /into itself/);
    await mergeCustomers(ctx, { customerId: b.id, survivorId: c.id });
    await expectAppError(mergeCustomers(ctx, { customerId: a.id, survivorId: b.id }), "CONFLICT", /merge into that one instead/);
    await expectAppError(mergeCustomers(ctx, { customerId: b.id, survivorId: a.id }), "CONFLICT", /already merged/);
    await expectAppError(previewMerge(ctx, a.id, b.id), "CONFLICT");

    const other = await createTenantWithMember("OWNER");
    const foreign = await makeCustomer(other.ctx);
    await expectAppError(mergeCustomers(ctx, { customerId: a.id, survivorId: foreign.id }), "NOT_FOUND");
    await expectAppError(mergeCustomers(other.ctx, { customerId: foreign.id, survivorId: a.id }), "NOT_FOUND");
    await expectAppError(mergeCustomers(other.ctx, { customerId: a.id, survivorId: foreign.id }), "NOT_FOUND");
    expect(await mergeSurvivorOf(other.ctx, b.id)).toBeNull();
    expect((await getDb().customer.findFirst({ where: { tenantId: ctx.tenantId, id: a.id } }))?.mergedIntoId).toBeNull();
  });

  it("is for admins and owners: a marketer and a viewer are refused", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const a = await makeCustomer(ctx);
    const b = await makeCustomer(ctx);
    for (const role of ["MARKETER", "VIEWER"] as const) {
      const member = await addMember(ctx, role);
      await expectAppError(mergeCustomers(member.ctx, { customerId: a.id, survivorId: b.id }), "FORBIDDEN");
      await expectAppError(previewMerge(member.ctx, a.id, b.id), "FORBIDDEN");
    }
    const admin = await addMember(ctx, "ADMIN");
    await expect(mergeCustomers(admin.ctx, { customerId: a.id, survivorId: b.id })).resolves.toMatchObject({ movedPoints: 0 });
    expect(await getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId, source: "MERGE" } })).toBe(0);
  });
});
