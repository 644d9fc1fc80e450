import { describe, expect, it } from "vitest";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { listCustomerRows } from "../../../src/server/modules/customers/customer-list";
import { ZCustomerListQuery } from "../../../src/server/modules/customers/customer.schemas";
import { createTenantWithMember, makeCustomer } from "../support/factories";

describe("the customers list filtered by the day a first account was linked", () => {
  it("lists customers whose first link falls on those days (UTC, both included), once each, only of the brand", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const other = (await createTenantWithMember("OWNER")).ctx;
    const db = unsafeCrossTenantDb();
    const link = async (tenantId: string, customerId: string | null, handle: string, linkedAt: string | null) =>
      db.socialProfile.create({
        data: { tenantId, customerId, network: "TWITTER", externalUserId: handle, handle, linkedAt: linkedAt ? new Date(linkedAt) : null, scopes: [] },
      });
    const early = await makeCustomer(ctx, { displayName: "Early" });
    const twice = await makeCustomer(ctx, { displayName: "Twice" });
    const late = await makeCustomer(ctx, { displayName: "Late" });
    await makeCustomer(ctx, { displayName: "Never" });
    const foreign = await makeCustomer(other, { displayName: "Other brand" });
    await link(ctx.tenantId, early.id, "early", "2026-03-01T00:00:00Z");
    await link(ctx.tenantId, twice.id, "twice-a", "2026-03-05T23:59:59Z");
    await link(ctx.tenantId, twice.id, "twice-b", "2026-03-06T08:00:00Z");
    await link(ctx.tenantId, late.id, "late", "2026-03-07T00:00:00Z");
    await link(other.tenantId, foreign.id, "foreign", "2026-03-03T00:00:00Z");

    const names = async (q: Parameters<typeof listCustomerRows>[1]) =>
      (await listCustomerRows(ctx, { ...q, sort: "name" })).items.map((r) => r.customer.displayName);
    expect(await names({ linkedFrom: "2026-03-01", linkedTo: "2026-03-06" })).toEqual(["Early", "Twice"]);
    // Twice linked a second account on the 6th; its first was on the 5th.
    expect(await names({ linkedFrom: "2026-03-06" })).toEqual(["Late"]);
    expect(await names({ linkedTo: "2026-03-01" })).toEqual(["Early"]);
    expect((await listCustomerRows(ctx, { linkedFrom: "2026-03-01", linkedTo: "2026-03-07" })).total).toBe(3);
    expect(await names({})).toEqual(["Early", "Late", "Never", "Twice"]);
  });

  it("keeps the first link's day through an unlink, a later link and a merge (the survivor keeps the earlier)", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const db = unsafeCrossTenantDb();
    const first = async (id: string) => (await db.customer.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id } })).firstLinkedAt?.toISOString() ?? null;
    const a = await makeCustomer(ctx, { displayName: "A" });
    const b = await makeCustomer(ctx, { displayName: "B" });
    const profile = await db.socialProfile.create({
      data: { tenantId: ctx.tenantId, customerId: null, network: "TWITTER", externalUserId: "p1", handle: "p1", scopes: [] },
    });
    expect(await first(a.id)).toBeNull();
    await db.socialProfile.update({ where: { id: profile.id }, data: { customerId: a.id, linkedAt: new Date("2026-04-10T10:00:00Z") } });
    expect(await first(a.id)).toBe("2026-04-10T10:00:00.000Z");
    await db.socialProfile.update({ where: { id: profile.id }, data: { customerId: null } });
    expect(await first(a.id)).toBe("2026-04-10T10:00:00.000Z");
    await db.socialProfile.create({
      data: {
        tenantId: ctx.tenantId,
        customerId: a.id,
        network: "FOURSQUARE",
        externalUserId: "p2",
        handle: "p2",
        linkedAt: new Date("2026-05-01T00:00:00Z"),
        scopes: [],
      },
    });
    expect(await first(a.id)).toBe("2026-04-10T10:00:00.000Z");
    const earlier = await db.socialProfile.create({
      data: {
        tenantId: ctx.tenantId,
        customerId: b.id,
        network: "TWITTER",
        externalUserId: "p3",
        handle: "p3",
        linkedAt: new Date("2026-03-01T00:00:00Z"),
        scopes: [],
      },
    });
    // A merge moves B's profiles to A: A's first link is now B's earlier one.
    await db.socialProfile.update({ where: { id: earlier.id }, data: { customerId: a.id } });
    expect(await first(a.id)).toBe("2026-03-01T00:00:00.000Z");
  });

  it("refuses a day that is not YYYY-MM-DD", () => {
    expect(ZCustomerListQuery.safeParse({ linkedFrom: "yesterday" }).success).toBe(false);
    expect(ZCustomerListQuery.safeParse({ linkedTo: "2026-02-30" }).success).toBe(false);
  });
});
