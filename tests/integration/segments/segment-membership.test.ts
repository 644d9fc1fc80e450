// Who is in a segment, decided by one SQL statement, checked against hand-built customers: each
// filter dimension on its own and combined, erased and merged customers never members, another
// tenant's customers never members, and a batch of many customers answered by one statement.
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import type { LifecycleStage, SentimentLabel } from "../../../src/server/db/generated/enums";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import type { NewLedgerEntry } from "../../../src/server/modules/ledger/ledger.types";
import { deleteCustomer } from "../../../src/server/modules/customers/customer.service";
import { loadSegmentMembership, segmentMembershipSql, type SegmentRef } from "../../../src/server/modules/segments/segment-membership";
import { createSegment, listSegmentMembers, listSegments } from "../../../src/server/modules/segments/segment.service";
import type { SegmentFilterInput } from "../../../src/server/modules/segments/segment.schemas";
import { createTenantWithMember, makeCustomer } from "../support/factories";

let seq = 0;

function adjustment(customerId: string, amount: number): NewLedgerEntry {
  return { customerId, amount, source: "ADJUSTMENT", idempotencyKey: `seg-test:${++seq}`, explanation: { formula: `${amount} by hand`, note: "test set-up" } };
}

/** Points as real entries (the ledger invariants are checked after each test): +earned, then −(earned − balance). */
async function givePoints(ctx: TenantContext, customerId: string, balance: number, earned = balance) {
  const entries = [adjustment(customerId, earned)];
  if (earned > balance) entries.push(adjustment(customerId, balance - earned));
  await getDb().$transaction(async (tx) => {
    for (const e of entries) await postLedgerEntries(tx, ctx, [e]);
  });
}

async function giveProfile(ctx: TenantContext, customerId: string, followers: number, status: "ACTIVE" | "NEEDS_RECONNECT" | "REVOKED" = "ACTIVE") {
  await getDb().socialProfile.create({
    data: {
      tenantId: ctx.tenantId,
      customerId,
      network: "TWITTER",
      externalUserId: `u${++seq}`,
      handle: `h${seq}`,
      followersCount: followers,
      status,
      linkedAt: new Date(),
    },
  });
}

async function setLabel(ctx: TenantContext, customerId: string, label: SentimentLabel) {
  await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: customerId }, data: { sentimentLabel: label } });
}

async function customer(ctx: TenantContext, stage: LifecycleStage, name: string) {
  return (await makeCustomer(ctx, { displayName: name, lifecycleStage: stage })).id;
}

const ref = (id: string, filter: SegmentFilterInput | Record<string, unknown>): SegmentRef => ({ id, filter });

function asSorted(membership: Map<string, Set<string>>): Record<string, string[]> {
  return Object.fromEntries([...membership].map(([segmentId, members]) => [segmentId, [...members].sort()]));
}

describe("segment membership in SQL", () => {
  it("applies each condition, all of them together, and never counts erased, merged or foreign customers", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const plain = await customer(ctx, "CUSTOMER", "Plain");
    const loyal = await customer(ctx, "LOYAL", "Loyal promoter");
    const advocate = await customer(ctx, "ADVOCATE", "Advocate detractor");
    const erased = await customer(ctx, "ADVOCATE", "Erased");
    const merged = await customer(ctx, "ADVOCATE", "Merged");

    await setLabel(ctx, loyal, "PROMOTER");
    await giveProfile(ctx, loyal, 5_000);
    await giveProfile(ctx, loyal, 20_000, "REVOKED"); // revoked: its followers do not count
    await givePoints(ctx, loyal, 40, 100);

    await setLabel(ctx, advocate, "DETRACTOR");
    await giveProfile(ctx, advocate, 20_000, "NEEDS_RECONNECT"); // still linked
    await giveProfile(ctx, advocate, 300);
    await givePoints(ctx, advocate, 500);

    // Two records that would match everything: one erased (keeps its history), one merged away.
    for (const id of [erased, merged]) {
      await setLabel(ctx, id, "PROMOTER");
      await giveProfile(ctx, id, 1_000_000);
      await givePoints(ctx, id, 10_000);
    }
    expect(await deleteCustomer(ctx, erased)).toEqual({ mode: "erased" });
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: merged }, data: { mergedIntoId: advocate } });

    // Another tenant's customer with everything, asked for by id.
    const other = await createTenantWithMember("OWNER");
    const foreign = await customer(other.ctx, "ADVOCATE", "Foreign");
    await setLabel(other.ctx, foreign, "PROMOTER");
    await giveProfile(other.ctx, foreign, 1_000_000);
    await givePoints(other.ctx, foreign, 10_000);

    const segments = [
      ref("stage", { lifecycleStages: ["LOYAL", "ADVOCATE"] }),
      ref("label", { sentimentLabels: ["PROMOTER"] }),
      ref("labels", { sentimentLabels: ["PROMOTER", "DETRACTOR", "PASSIVE"] }), // unlabelled customers match no label
      ref("followers", { minFollowers: 10_000 }),
      ref("followers-low", { minFollowers: 5_000 }),
      ref("points", { minPoints: 100 }),
      ref("lifetime", { minLifetimeEarned: 100 }),
      ref("combined", { lifecycleStages: ["LOYAL", "ADVOCATE"], minFollowers: 1_000, minPoints: 50 }),
      ref("anyone", { minFollowers: 0 }),
      ref("broken", { favouriteColour: "blue" }), // never written by the service: matches no one
    ];
    const asked = [plain, loyal, advocate, erased, merged, foreign, "cus_00000000000000000000000000000000"];
    const membership = await loadSegmentMembership(getDb(), ctx, segments, asked);
    expect(asSorted(membership)).toEqual({
      stage: [loyal, advocate].sort(),
      label: [loyal],
      labels: [loyal, advocate].sort(),
      followers: [advocate],
      "followers-low": [loyal, advocate].sort(),
      points: [advocate],
      lifetime: [loyal, advocate].sort(),
      combined: [advocate],
      anyone: [plain, loyal, advocate].sort(),
      broken: [],
    });

    // Inside a transaction too (the ingest path runs it in its own), and for a subset of customers.
    const inTx = await getDb().$transaction((tx) => loadSegmentMembership(tx, ctx, segments.slice(0, 2), [loyal]));
    expect(asSorted(inTx)).toEqual({ stage: [loyal], label: [loyal] });
    // Nothing to ask: no round trip, every segment present and empty.
    expect(asSorted(await loadSegmentMembership(getDb(), ctx, segments.slice(0, 1), []))).toEqual({ stage: [] });

    // The same rules over the whole tenant: counts on the list, and the members page.
    const saved = await createSegment(ctx, { name: "Reach", filter: { minFollowers: 5_000 } });
    await createSegment(ctx, { name: "Stages", filter: { lifecycleStages: ["LOYAL", "ADVOCATE"] } });
    expect((await listSegments(ctx)).items.map((s) => [s.name, s.memberCount])).toEqual([
      ["Reach", 2],
      ["Stages", 2],
    ]);
    const page = await listSegmentMembers(ctx, saved.id);
    expect(page.total).toBe(2);
    expect(page.items).toEqual([
      {
        id: advocate,
        displayName: "Advocate detractor",
        lifecycleStage: "ADVOCATE",
        sentimentLabel: "DETRACTOR",
        followers: 20_000,
        points: 500,
        lifetimeEarned: 500,
      },
      { id: loyal, displayName: "Loyal promoter", lifecycleStage: "LOYAL", sentimentLabel: "PROMOTER", followers: 5_000, points: 40, lifetimeEarned: 100 },
    ]);
    expect((await listSegmentMembers(ctx, saved.id, { page: 2, pageSize: 1 })).items.map((m) => m.id)).toEqual([loyal]);
  });

  it("answers for a batch of 1,500 customers and several segments with one statement whose size does not grow with the batch", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const stages: LifecycleStage[] = ["PROSPECT", "CUSTOMER", "LOYAL", "ADVOCATE"];
    const labels: (SentimentLabel | null)[] = ["PROMOTER", "PASSIVE", "DETRACTOR", null];
    const n = 1_500;
    const rows = await unsafeCrossTenantDb().$queryRaw<{ id: string; i: number }[]>`
      INSERT INTO "Customer" ("tenantId", "displayName", "lifecycleStage", "sentimentLabel", "updatedAt")
      SELECT ${ctx.tenantId}, 'Bulk ' || i,
             (${stages}::text[])[1 + i % 4]::"LifecycleStage",
             (${labels}::text[])[1 + (i / 4) % 4]::"SentimentLabel",
             now()
      FROM generate_series(0, ${n - 1}::int) AS i
      RETURNING id, substring("displayName" from 6)::int AS i`;
    const byIndex = new Map(rows.map((r) => [r.i, r.id]));
    const followersOf = (i: number) => (i % 7 === 0 ? 0 : (i * 37) % 50_000);
    const pointsOf = (i: number) => (i % 5 === 0 ? 0 : (i * 13) % 900);
    await getDb().socialProfile.createMany({
      data: rows
        .filter((r) => followersOf(r.i) > 0)
        .map((r) => ({
          tenantId: ctx.tenantId,
          customerId: r.id,
          network: "TWITTER" as const,
          externalUserId: `bulk${r.i}`,
          handle: `bulk${r.i}`,
          followersCount: followersOf(r.i),
        })),
    });
    await getDb().$transaction((tx) =>
      postLedgerEntries(
        tx,
        ctx,
        rows.filter((r) => pointsOf(r.i) > 0).map((r) => adjustment(r.id, pointsOf(r.i))),
      ),
    );

    const segments = [
      ref("loyal-promoters", { lifecycleStages: ["LOYAL", "ADVOCATE"], sentimentLabels: ["PROMOTER"] }),
      ref("reach", { minFollowers: 25_000 }),
      ref("rich-detractors", { sentimentLabels: ["DETRACTOR"], minPoints: 450 }),
      ref("earners", { minLifetimeEarned: 800 }),
    ];
    const expected: Record<string, string[]> = { "loyal-promoters": [], reach: [], "rich-detractors": [], earners: [] };
    for (let i = 0; i < n; i++) {
      const id = byIndex.get(i)!;
      const stage = stages[i % 4]!;
      const label = labels[Math.floor(i / 4) % 4];
      if ((stage === "LOYAL" || stage === "ADVOCATE") && label === "PROMOTER") expected["loyal-promoters"]!.push(id);
      if (followersOf(i) >= 25_000) expected.reach!.push(id);
      if (label === "DETRACTOR" && pointsOf(i) >= 450) expected["rich-detractors"]!.push(id);
      if (pointsOf(i) >= 800) expected.earners!.push(id);
    }
    for (const list of Object.values(expected)) {
      expect(list.length).toBeGreaterThan(10);
      list.sort();
    }

    const ids = [...byIndex.values()];
    const statement = segmentMembershipSql(ctx, segments, ids);
    // One statement; the customers travel as one array parameter, however many there are.
    expect(statement.sql).not.toContain(";");
    expect(segmentMembershipSql(ctx, segments, ids.slice(0, 3)).values.length).toBe(statement.values.length);
    const rowsBack = await getDb().$queryRaw<{ segmentId: string; customerId: string }[]>(statement);
    const answered: Record<string, string[]> = { "loyal-promoters": [], reach: [], "rich-detractors": [], earners: [] };
    for (const r of rowsBack) answered[r.segmentId]!.push(r.customerId);
    for (const list of Object.values(answered)) list.sort();
    expect(answered).toEqual(expected);
    expect(asSorted(await loadSegmentMembership(getDb(), ctx, segments, ids))).toEqual(expected);
  });
});
