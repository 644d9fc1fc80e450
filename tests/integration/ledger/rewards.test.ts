import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createReward, listRewards } from "../../../src/server/modules/rewards/reward.service";
import { addMember, createTenantWithMember } from "../support/factories";
import { expectAppError } from "./ledger-test-kit";

describe("reward catalogue", () => {
  it("creates rewards and lists the active ones of this tenant only, cheapest first", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const other = await createTenantWithMember("ADMIN");
    const mug = await createReward(ctx, { name: "  Mug ", cost: 50, stock: 10, description: "" });
    expect(mug).toMatchObject({ name: "Mug", cost: 50, stock: 10, active: true, description: null });
    expect(mug.id).toMatch(/^rwd_[0-9a-f]{32}$/);
    await createReward(ctx, { name: "Hoodie", cost: 400 });
    await createReward(ctx, { name: "Sticker", cost: 5, active: false });
    await createReward(other.ctx, { name: "Their reward", cost: 1 });
    expect((await listRewards(ctx)).map((r) => [r.name, r.stock])).toEqual([
      ["Mug", 10],
      ["Hoodie", null],
    ]);
    expect((await listRewards(ctx, { includeInactive: true })).map((r) => r.name)).toEqual(["Sticker", "Mug", "Hoodie"]);
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "reward.created" } })).toBe(3);
  });

  it("validates cost and stock and refuses a duplicate name", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    await expect(createReward(ctx, { name: "Free", cost: 0 })).rejects.toThrow(/at least 1 point/);
    await expect(createReward(ctx, { name: "Yacht", cost: 1_000_001 })).rejects.toThrow(/1,000,000/);
    await expect(createReward(ctx, { name: "Half", cost: 1.5 })).rejects.toThrow(/whole number/);
    await expect(createReward(ctx, { name: "Negative stock", cost: 5, stock: -1 })).rejects.toThrow();
    await createReward(ctx, { name: "Mug", cost: 50 });
    const error = await expectAppError(createReward(ctx, { name: "Mug", cost: 60 }), "CONFLICT");
    expect(error.issues[0]?.path).toBe("name");
    expect(await listRewards(ctx)).toHaveLength(1);
  });

  it("needs rewards:manage to change the catalogue: marketers and up; a viewer only reads", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const viewer = await addMember(ctx, "VIEWER");
    const marketer = await addMember(ctx, "MARKETER");
    await expectAppError(createReward(viewer.ctx, { name: "Mine", cost: 5 }), "FORBIDDEN");
    expect(await listRewards(viewer.ctx)).toEqual([]);
    await createReward(marketer.ctx, { name: "Theirs", cost: 5 });
    expect((await listRewards(viewer.ctx)).map((r) => r.name)).toEqual(["Theirs"]);
  });
});
