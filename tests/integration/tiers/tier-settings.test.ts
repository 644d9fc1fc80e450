import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createTier, deleteTier, getTierSettings, updateTier, updateTierPeriod } from "../../../src/server/modules/tiers/tier.service";
import { addMember, createTenantWithMember } from "../support/factories";
import { expectAppError } from "../ledger/ledger-test-kit";

describe("a brand's tiers and period (Settings → Tiers)", () => {
  it("are created, listed lowest first, edited and deleted, each change audited", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const gold = await createTier(ctx, { name: " Gold ", threshold: 2000 });
    const silver = await createTier(ctx, { name: "Silver", threshold: 500 });
    expect(await getTierSettings(ctx)).toEqual({ periodMonths: 12, tiers: [silver, { id: gold.id, name: "Gold", threshold: 2000 }] });
    expect(await updateTier(ctx, gold.id, { name: "Platinum", threshold: 5000 })).toEqual({ id: gold.id, name: "Platinum", threshold: 5000 });
    expect(await updateTierPeriod(ctx, { months: 6 })).toEqual({ periodMonths: 6 });
    await deleteTier(ctx, silver.id);
    expect(await getTierSettings(ctx)).toEqual({ periodMonths: 6, tiers: [{ id: gold.id, name: "Platinum", threshold: 5000 }] });
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["tier.created", "tier.created", "tier.updated", "tier.period-changed", "tier.deleted"]);
  });

  it("refuse a taken name or threshold and bad values, naming the field, and write nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const silver = await createTier(ctx, { name: "Silver", threshold: 500 });
    const gold = await createTier(ctx, { name: "Gold", threshold: 2000 });
    expect((await expectAppError(createTier(ctx, { name: "Silver", threshold: 700 }), "CONFLICT")).issues[0]?.path).toBe("name");
    expect((await expectAppError(createTier(ctx, { name: "Bronze", threshold: 500 }), "CONFLICT")).issues[0]?.path).toBe("threshold");
    expect((await expectAppError(updateTier(ctx, gold.id, { threshold: 500 }), "CONFLICT")).issues[0]?.path).toBe("threshold");
    await expect(createTier(ctx, { name: "", threshold: 10 })).rejects.toThrow(/name is required/);
    await expect(createTier(ctx, { name: "Neg", threshold: -1 })).rejects.toThrow(/0 or more/);
    await expect(createTier(ctx, { name: "Frac", threshold: 1.5 })).rejects.toThrow(/whole number/);
    await expect(updateTierPeriod(ctx, { months: 0 })).rejects.toThrow(/1 to 36 months/);
    await expect(updateTierPeriod(ctx, { months: 37 })).rejects.toThrow(/1 to 36 months/);
    expect((await getTierSettings(ctx)).tiers).toEqual([silver, gold]);
  });

  it("viewers and marketers read them only; another brand's tier is not found", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const tier = await createTier(ctx, { name: "Silver", threshold: 500 });
    for (const role of ["VIEWER", "MARKETER"] as const) {
      const member = (await addMember(ctx, role)).ctx;
      expect((await getTierSettings(member)).tiers).toEqual([tier]);
      await expectAppError(createTier(member, { name: "X", threshold: 1 }), "FORBIDDEN");
      await expectAppError(updateTier(member, tier.id, { name: "X" }), "FORBIDDEN");
      await expectAppError(deleteTier(member, tier.id), "FORBIDDEN");
      await expectAppError(updateTierPeriod(member, { months: 3 }), "FORBIDDEN");
    }
    const other = await createTenantWithMember("OWNER");
    await expectAppError(updateTier(other.ctx, tier.id, { name: "Stolen" }), "NOT_FOUND");
    await expectAppError(deleteTier(other.ctx, tier.id), "NOT_FOUND");
    expect((await getTierSettings(ctx)).tiers).toEqual([tier]);
  });
});
