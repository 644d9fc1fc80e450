import { describe, expect, it } from "vitest";
import { systemContext } from "../../src/server/auth/tenant-context";
import { getDb } from "../../src/server/db/client";
import { listAuditLog, auditActorOptions } from "../../src/server/modules/audit/audit-log";
import { writeAudit } from "../../src/server/modules/audit/audit.service";
import { adjustPoints } from "../../src/server/modules/ledger/adjust-points";
import { addMember, createTenantWithMember, makeCustomer } from "./support/factories";

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe("the audit log screen's data", () => {
  it("lists the brand's entries newest first in keyset pages, filtered by who, what and when", async () => {
    const { ctx, user } = await createTenantWithMember("OWNER");
    const admin = await addMember(ctx, "ADMIN");
    const customer = await makeCustomer(ctx, { displayName: "مريم 🎉" });
    await adjustPoints(admin.ctx, { customerId: customer.id, amount: 5, reason: "=cmd|' /C calc'!A0", idempotencyKey: "a" });
    await getDb().$transaction((tx) => writeAudit(tx, systemContext(ctx.tenantId), { action: "tier.created", targetType: "Tier" }));
    const all = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { id: "desc" }, select: { id: true, action: true } });
    expect(all.length).toBeGreaterThanOrEqual(3);

    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listAuditLog(admin.ctx, { pageSize: 2, after });
      seen.push(...page.items.map((e) => e.id));
      after = page.nextAfter ?? undefined;
    } while (after);
    expect(seen).toEqual(all.map((e) => e.id));

    const byAdmin = await listAuditLog(ctx, { who: admin.user.id });
    expect(byAdmin.items.map((e) => [e.action, e.actor])).toEqual([["ledger.adjusted", "ADMIN user"]]);
    expect(byAdmin.items[0]!.details).toContain("=cmd|' /C calc'!A0");
    const bySystem = await listAuditLog(ctx, { who: "system" });
    expect(bySystem.items.map((e) => [e.action, e.actor])).toEqual([["tier.created", "System"]]);
    const customers = await listAuditLog(ctx, { what: "customer" });
    expect(customers.items.map((e) => e.action)).toEqual(all.filter((e) => e.action.startsWith("customer.")).map((e) => e.action));
    expect((await listAuditLog(ctx, { from: today(), to: today() })).items).toHaveLength(all.length);
    expect((await listAuditLog(ctx, { from: tomorrow() })).items).toEqual([]);
    expect((await auditActorOptions(ctx)).map((a) => a.id)).toEqual([user.id, admin.user.id]);
  });

  it("is for admins and owners only, and shows nothing of another brand", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await makeCustomer(ctx);
    for (const role of ["VIEWER", "MARKETER"] as const) {
      const member = await addMember(ctx, role);
      await expect(listAuditLog(member.ctx)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(auditActorOptions(member.ctx)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const other = await createTenantWithMember("OWNER");
    const theirs = await listAuditLog(other.ctx, { who: ctx.actor.id! });
    expect(theirs.items).toEqual([]);
    expect((await listAuditLog(other.ctx)).items.every((e) => !e.action.startsWith("customer."))).toBe(true);
    await expect(listAuditLog(ctx, { what: "Robert'); DROP" })).rejects.toThrow(/not an area/);
  });
});
