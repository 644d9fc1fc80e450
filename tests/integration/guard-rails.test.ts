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

  it("omits secret columns unless a query selects them by name", async () => {
    const { user } = await createTenantWithMember();
    const loaded = await unsafeCrossTenantDb().user.findUnique({ where: { id: user.id } });
    expect(loaded).not.toBeNull();
    expect(loaded).not.toHaveProperty("passwordHash");
    const withHash = await unsafeCrossTenantDb().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    expect(withHash?.passwordHash).toBe("not-a-real-hash");
  });
});
