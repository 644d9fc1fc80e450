// The segment rule "tier is <tier>": who is in it by the member count, the member list and the
// scorer's batch evaluation (one SQL definition), the window and reversals respected, and a tier
// that must belong to the brand and cannot be deleted while a segment names it.
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { creditBalance } from "../../../src/server/modules/ledger/point-balance";
import { reverseLedgerEntry } from "../../../src/server/modules/ledger/reverse-entry";
import { loadSegmentMembership } from "../../../src/server/modules/segments/segment-membership";
import { createSegment, listSegmentMembers, listSegments, updateSegment } from "../../../src/server/modules/segments/segment.service";
import { createTier, deleteTier, updateTier, updateTierPeriod } from "../../../src/server/modules/tiers/tier.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { expectAppError, inTx, mentionAward, post } from "../ledger/ledger-test-kit";

/** An earning entry made `monthsAgo` months ago (the ledger only appends: the row is written with that time, its balance with it). */
async function earnedLongAgo(ctx: TenantContext, customerId: string, amount: number, monthsAgo: number) {
  await inTx(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation, "createdAt")
      VALUES (${ctx.tenantId}, ${customerId}, ${amount}, 'MENTION', ${`old:${customerId}`}, '{"formula":"test"}'::jsonb,
              (now() AT TIME ZONE 'UTC') - make_interval(months => ${monthsAgo}::int))`;
    await creditBalance(tx, ctx, customerId, amount, amount);
  });
}

async function brand() {
  const { ctx } = await createTenantWithMember("OWNER");
  const silver = await createTier(ctx, { name: "Silver", threshold: 500 });
  const gold = await createTier(ctx, { name: "Gold", threshold: 2000 });
  const c = {
    none: await makeCustomer(ctx, { displayName: "None" }),
    silver: await makeCustomer(ctx, { displayName: "Silver one" }),
    gold: await makeCustomer(ctx, { displayName: "Gold one" }),
    reversedDown: await makeCustomer(ctx, { displayName: "Reversed down" }),
    oldPoints: await makeCustomer(ctx, { displayName: "Old points" }),
  };
  const posted = await post(ctx, [
    mentionAward(c.none.id, "n", 100),
    mentionAward(c.silver.id, "s", 600),
    mentionAward(c.gold.id, "g", 2500),
    mentionAward(c.reversedDown.id, "r1", 400),
    mentionAward(c.reversedDown.id, "r2", 200),
  ]);
  await inTx((tx) => reverseLedgerEntry(tx, ctx, { entryId: posted[4]!.id, reason: "post deleted" }));
  await earnedLongAgo(ctx, c.oldPoints.id, 700, 13);
  return { ctx, silver, gold, c };
}

async function everyWay(ctx: TenantContext, segmentId: string, customerIds: string[]) {
  const list = await listSegments(ctx);
  const count = list.items.find((s) => s.id === segmentId)!.memberCount;
  const page = await listSegmentMembers(ctx, segmentId, { pageSize: 100 });
  const segment = await getDb().segment.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: segmentId }, select: { id: true, filter: true } });
  const batch = await loadSegmentMembership(getDb(), ctx, [segment], customerIds);
  return { count, listed: page.items.map((m) => m.displayName).sort(), batch: [...batch.get(segmentId)!] };
}

describe("segment rule: tier is <tier>", () => {
  it("counts, lists and evaluates in batch the same members: earned in the period, less reversals", async () => {
    const { ctx, silver, gold, c } = await brand();
    const ids = Object.values(c).map((x) => x.id);
    const silverSeg = await createSegment(ctx, { name: "Silver", filter: { tierId: silver.id } });
    const goldSeg = await createSegment(ctx, { name: "Gold", filter: { tierId: gold.id } });
    expect(silverSeg).toMatchObject({ tierName: "Silver", filter: { tierId: silver.id } });
    expect(await everyWay(ctx, silverSeg.id, ids)).toEqual({ count: 1, listed: ["Silver one"], batch: [c.silver.id] });
    expect(await everyWay(ctx, goldSeg.id, ids)).toEqual({ count: 1, listed: ["Gold one"], batch: [c.gold.id] });

    // 700 points earned 13 months ago count once the period covers them.
    await updateTierPeriod(ctx, { months: 24 });
    expect((await everyWay(ctx, silverSeg.id, ids)).listed).toEqual(["Old points", "Silver one"]);
  });

  it("combines with other conditions, and follows a threshold change", async () => {
    const { ctx, silver, c } = await brand();
    const seg = await createSegment(ctx, { name: "Silver loyal", filter: { tierId: silver.id, lifecycleStages: ["LOYAL"] } });
    expect((await everyWay(ctx, seg.id, [c.silver.id])).count).toBe(0);
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: c.silver.id }, data: { lifecycleStage: "LOYAL" } });
    expect((await everyWay(ctx, seg.id, [c.silver.id])).batch).toEqual([c.silver.id]);
    await updateTier(ctx, silver.id, { threshold: 601 });
    expect((await everyWay(ctx, seg.id, [c.silver.id])).count).toBe(0);
  });

  it("names only a tier of the brand; a tier a segment names cannot be deleted", async () => {
    const { ctx, silver } = await brand();
    const other = await createTenantWithMember("OWNER");
    const foreign = await createTier(other.ctx, { name: "Theirs", threshold: 10 });
    const refused = await expectAppError(createSegment(ctx, { name: "Foreign", filter: { tierId: foreign.id } }), "VALIDATION_FAILED");
    expect(refused.issues).toEqual([{ path: "tierId", message: "no such tier in this brand" }]);
    const seg = await createSegment(ctx, { name: "Silver", filter: { tierId: silver.id } });
    await expectAppError(updateSegment(ctx, seg.id, { filter: { tierId: foreign.id } }), "VALIDATION_FAILED");
    await expectAppError(deleteTier(ctx, silver.id), "CONFLICT", /“Silver” targets this tier/);
    await updateSegment(ctx, seg.id, { filter: { minPoints: 1 } });
    await expect(deleteTier(ctx, silver.id)).resolves.toEqual({ deleted: true });
  });
});
