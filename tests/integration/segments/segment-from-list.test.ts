// "Save these filters as a segment" on the customers list: the saved segment selects exactly the
// customers the list shows, for every filter the list has (min followers and min points included).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { listCustomers } from "../../../src/server/modules/customers/customer.service";
import type { CustomerListQuery } from "../../../src/server/modules/customers/customer.schemas";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { createSegmentFromList } from "../../../src/server/modules/segments/segment-from-list";
import { listSegmentMembers } from "../../../src/server/modules/segments/segment.service";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { expectAppError } from "../ledger/ledger-test-kit";

async function linkAccount(ctx: TenantContext, customerId: string, followersCount: number, status: "ACTIVE" | "REVOKED" = "ACTIVE") {
  await unsafeCrossTenantDb().socialProfile.create({
    data: {
      tenantId: ctx.tenantId,
      customerId,
      network: "TWITTER",
      externalUserId: randomUUID(),
      handle: `h${followersCount}`,
      linkedAt: new Date(),
      followersCount,
      status,
    },
  });
}

async function brandWithCustomers() {
  const { ctx } = await createTenantWithMember("OWNER");
  const ann = await makeCustomer(ctx, { displayName: "Ann Acme", emails: ["ann@acme.test"], lifecycleStage: "LOYAL" });
  const bob = await makeCustomer(ctx, { displayName: "Bob", emails: ["bob@acme.test"], lifecycleStage: "LOYAL" });
  const cat = await makeCustomer(ctx, { displayName: "Cat", emails: ["cat@else.test"], phone: "+1 555 0100" });
  const dan = await makeCustomer(ctx, { displayName: "Dan 100%", emails: ["dan@else.test"], lifecycleStage: "ADVOCATE" });
  await linkAccount(ctx, ann.id, 12_000);
  await linkAccount(ctx, ann.id, 300);
  await linkAccount(ctx, bob.id, 800);
  await linkAccount(ctx, cat.id, 50_000, "REVOKED");
  await linkAccount(ctx, dan.id, 5_000);
  await adjustPoints(ctx, { customerId: ann.id, amount: 40, reason: "seed", idempotencyKey: "a" });
  await adjustPoints(ctx, { customerId: bob.id, amount: 400, reason: "seed", idempotencyKey: "b" });
  await adjustPoints(ctx, { customerId: dan.id, amount: 150, reason: "seed", idempotencyKey: "d" });
  const db = unsafeCrossTenantDb();
  await db.customer.update({ where: { id: ann.id }, data: { sentimentLabel: "PROMOTER", sentimentScore: 0.8 } });
  await db.customer.update({ where: { id: bob.id }, data: { sentimentLabel: "DETRACTOR", sentimentScore: -0.5 } });
  // A merged-away customer matches the filters but is in neither.
  const gone = await makeCustomer(ctx, { displayName: "Ann Acme (old)", emails: ["old@acme.test"], lifecycleStage: "LOYAL" });
  await db.customer.update({ where: { id: gone.id }, data: { mergedIntoId: ann.id } });
  return { ctx, ann, bob, cat, dan };
}

async function listed(ctx: TenantContext, query: CustomerListQuery) {
  return (await listCustomers(ctx, { ...query, pageSize: 100 })).items.map((c) => c.id).sort();
}

async function members(ctx: TenantContext, segmentId: string) {
  return (await listSegmentMembers(ctx, segmentId, { pageSize: 100 })).items.map((m) => m.id).sort();
}

describe("saving the customers list's filters as a segment", () => {
  it("selects the same customers as the list, filter by filter and combined", async () => {
    const { ctx, ann, bob, cat, dan } = await brandWithCustomers();
    const cases: [CustomerListQuery, string[]][] = [
      [{ minFollowers: 1_000 }, [ann.id, dan.id]],
      [{ minPoints: 100 }, [bob.id, dan.id]],
      [{ minFollowers: 500, minPoints: 100 }, [bob.id, dan.id]],
      [{ stage: "LOYAL", minFollowers: 0 }, [ann.id, bob.id]],
      [{ sentiment: "UNLABELLED" }, [cat.id, dan.id]],
      [{ sentiment: "PROMOTER", minPoints: 10 }, [ann.id]],
      [{ q: "acme" }, [ann.id, bob.id]],
      [{ q: "100%" }, [dan.id]],
      [{ q: "555", minFollowers: 0 }, [cat.id]],
      [{ q: "acme", stage: "LOYAL", sentiment: "DETRACTOR", minFollowers: 500, minPoints: 400 }, [bob.id]],
    ];
    let n = 0;
    for (const [query, expected] of cases) {
      const shown = await listed(ctx, query);
      expect(shown, JSON.stringify(query)).toEqual([...expected].sort());
      const segment = await createSegmentFromList(ctx, { name: `From the list ${++n}`, query });
      expect(await members(ctx, segment.id), JSON.stringify(query)).toEqual(shown);
    }
  });

  it("stores the list's conditions as the segment's own, readable in the segment editor", async () => {
    const { ctx } = await brandWithCustomers();
    const segment = await createSegmentFromList(ctx, {
      name: "Loud and loyal",
      query: { q: "acme", stage: "LOYAL", sentiment: "UNLABELLED", minFollowers: 1000, minPoints: 5, sort: "name", page: 1 },
    });
    expect(segment.filter).toEqual({
      lifecycleStages: ["LOYAL"],
      sentimentLabels: ["UNLABELLED"],
      search: "acme",
      npsClasses: [],
      minFollowers: 1000,
      minPoints: 5,
      minLifetimeEarned: null,
      tierId: null,
    });
    const audit = await getDb().auditLog.findFirst({ where: { tenantId: ctx.tenantId, action: "segment.created", targetId: segment.id } });
    expect(audit).not.toBeNull();
  });

  it("refuses a list without filters, a viewer, and a taken name", async () => {
    const { ctx } = await brandWithCustomers();
    await expectAppError(createSegmentFromList(ctx, { name: "Everyone", query: { sort: "name" } }), "BAD_REQUEST", /no filter/);
    const viewer = await addMember(ctx, "VIEWER");
    await expectAppError(createSegmentFromList(viewer.ctx, { name: "Mine", query: { minPoints: 1 } }), "FORBIDDEN");
    await createSegmentFromList(ctx, { name: "Twice", query: { minPoints: 1 } });
    await expectAppError(createSegmentFromList(ctx, { name: "Twice", query: { minPoints: 2 } }), "CONFLICT");
    expect(await getDb().segment.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
  });
});
