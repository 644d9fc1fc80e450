import { describe, expect, it } from "vitest";
import { getDb, unsafeCrossTenantDb } from "../../src/server/db/client";
import { createTenantWithMember, makeCustomer } from "./support/factories";

describe("Prisma guard-rails", () => {
  it("refuses a tenant-owned query without tenantId", async () => {
    const { ctx } = await createTenantWithMember();
    const customer = await makeCustomer(ctx);
    await expect(getDb().customer.findMany({})).rejects.toThrow(/without tenantId/);
    await expect(getDb().customer.findFirst({ where: { id: customer.id } })).rejects.toThrow(/without tenantId/);
    await expect(getDb().customer.count()).rejects.toThrow(/without tenantId/);
    await expect(getDb().customer.findFirst({ where: { id: customer.id, tenantId: ctx.tenantId } })).resolves.toMatchObject({ id: customer.id });
  });

  it("refuses bulk writes with an empty where, even through the unscoped client's callers", async () => {
    await expect(getDb().customerEmail.deleteMany({ where: {} } as never)).rejects.toThrow(/empty where/);
    await expect(getDb().mailMessage.deleteMany({})).rejects.toThrow(/empty where/);
    await expect(getDb().user.updateMany({ where: {}, data: { name: "x" } })).rejects.toThrow(/empty where/);
  });

  it("the cross-tenant client keeps the empty-where guard", async () => {
    await expect(unsafeCrossTenantDb().mailMessage.deleteMany({})).rejects.toThrow(/empty where/);
    await expect(unsafeCrossTenantDb().customer.updateMany({ where: {}, data: { notes: "x" } })).rejects.toThrow(/empty where/);
  });

  it("refuses an undefined filter instead of dropping it (which would widen the query to every row)", async () => {
    const { ctx } = await createTenantWithMember();
    const missing: string | undefined = undefined;
    await expect(getDb().customer.findMany({ where: { tenantId: ctx.tenantId, id: missing } })).rejects.toThrow(/where\.id is undefined/);
    await expect(unsafeCrossTenantDb().user.deleteMany({ where: { id: missing } })).rejects.toThrow(/where\.id is undefined/);
    await expect(
      unsafeCrossTenantDb().customer.updateMany({ where: { OR: [{ tenantId: ctx.tenantId }, { id: missing }] }, data: { notes: "x" } }),
    ).rejects.toThrow(/where\.OR\.1\.id is undefined/);
    // A query without a where, and data with undefined fields (Prisma's "leave as is"), stay allowed.
    await expect(unsafeCrossTenantDb().user.count()).resolves.toBeGreaterThan(0);
  });

  it("omits secret columns unless a query selects them by name", async () => {
    const { user } = await createTenantWithMember();
    const loaded = await unsafeCrossTenantDb().user.findUnique({ where: { id: user.id } });
    expect(loaded).not.toBeNull();
    expect(loaded).not.toHaveProperty("passwordHash");
    const withHash = await unsafeCrossTenantDb().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    expect(withHash?.passwordHash).toBe("not-a-real-hash");
  });
});
