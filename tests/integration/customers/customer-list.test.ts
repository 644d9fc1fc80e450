// The customers list (issue 12 item 6): points, tier, NPS class and last activity per row, and a
// server-side sort by any column, paged, against real Postgres.
import { describe, expect, it } from "vitest";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { listCustomerRows } from "../../../src/server/modules/customers/customer-list";
import { CUSTOMER_SORTS } from "../../../src/server/modules/customers/customer.schemas";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { createTier } from "../../../src/server/modules/tiers/tier.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

describe("the customers list", () => {
  it("shows each customer's points, tier, NPS class and last activity, and sorts by any column on the server", async () => {
    const { ctx } = await createTenantWithMember("VIEWER");
    const owner = { ...ctx, role: "OWNER" as const };
    await createTier(owner, { name: "Silver", threshold: 50 });
    await createTier(owner, { name: "Gold", threshold: 200 });
    const ann = await makeCustomer(owner, { displayName: "Ann" });
    const bob = await makeCustomer(owner, { displayName: "bob" });
    const cat = await makeCustomer(owner, { displayName: "Cat" });
    await adjustPoints(owner, { customerId: ann.id, amount: 60, reason: "seed", idempotencyKey: "ann" });
    await adjustPoints(owner, { customerId: bob.id, amount: 250, reason: "seed", idempotencyKey: "bob" });
    await adjustPoints(owner, { customerId: bob.id, amount: -240, reason: "spent", idempotencyKey: "bob-2" });
    await unsafeCrossTenantDb().customer.update({ where: { id: cat.id }, data: { npsClass: "DETRACTOR" } });
    await unsafeCrossTenantDb().customer.update({ where: { id: ann.id }, data: { npsClass: "PROMOTER" } });
    // A merged-away customer is history, not a list entry.
    const gone = await makeCustomer(owner, { displayName: "Merged away" });
    await unsafeCrossTenantDb().customer.update({ where: { id: gone.id }, data: { mergedIntoId: ann.id } });

    const byName = await listCustomerRows(ctx, { sort: "name" });
    expect(byName.items.map((r) => [r.customer.displayName, r.points, r.tier, r.npsClass])).toEqual([
      ["Ann", 60, "Silver", "PROMOTER"],
      ["bob", 10, "Gold", null],
      ["Cat", 0, null, "DETRACTOR"],
    ]);
    expect(byName.total).toBe(3);
    expect(byName.items.find((r) => r.customer.id === cat.id)!.lastActivityAt).toBeNull();
    expect(byName.items.find((r) => r.customer.id === bob.id)!.lastActivityAt).not.toBeNull();

    const names = async (q: Parameters<typeof listCustomerRows>[1]) => (await listCustomerRows(ctx, q)).items.map((r) => r.customer.displayName);
    expect(await names({ sort: "points" })).toEqual(["Ann", "bob", "Cat"]);
    expect(await names({ sort: "points", dir: "asc" })).toEqual(["Cat", "bob", "Ann"]);
    // Tier orders by points earned in the period (bob earned 250, spent doesn't count).
    expect(await names({ sort: "tier" })).toEqual(["bob", "Ann", "Cat"]);
    expect(await names({ sort: "nps" })).toEqual(["Ann", "Cat", "bob"]);
    expect(await names({ sort: "activity" })).toEqual(["bob", "Ann", "Cat"]);
    expect(await names({ sort: "name", dir: "desc" })).toEqual(["Cat", "bob", "Ann"]);
    expect(await names({ sort: "points", pageSize: 2, page: 2 })).toEqual(["Cat"]);
    expect(await names({ sort: "points", q: "ann" })).toEqual(["Ann"]);
    for (const sort of CUSTOMER_SORTS) expect((await listCustomerRows(ctx, { sort })).items).toHaveLength(3);
  });

  it("lists only the brand's own customers, whatever the sort", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    await makeCustomer(b.ctx, { displayName: "Someone else's" });
    await makeCustomer(a.ctx, { displayName: "Mine" });
    for (const sort of CUSTOMER_SORTS) {
      const page = await listCustomerRows(a.ctx, { sort });
      expect(page.items.map((r) => r.customer.displayName)).toEqual(["Mine"]);
      expect(page.total).toBe(1);
    }
  });
});
