import { describe, expect, it } from "vitest";
import { PERMISSIONS, roleCan, ROLE_RANK } from "../../src/server/auth/permissions";
import { scopesAllow } from "../../src/server/auth/api-scopes";
import { assertCan } from "../../src/server/auth/tenant-context";

describe("role permissions", () => {
  it("matches the role matrix", () => {
    const matrix = Object.fromEntries((["VIEWER", "MARKETER", "ADMIN", "OWNER"] as const).map((role) => [role, PERMISSIONS.filter((p) => roleCan(role, p))]));
    expect(matrix.VIEWER).toEqual(["customers:read", "mentions:read", "ledger:read", "members:read", "settings:read", "rewards:read"]);
    // Whoever reads the ledger reads the reward catalogue and its redemptions.
    for (const role of ["VIEWER", "MARKETER", "ADMIN", "OWNER"] as const) expect(roleCan(role, "rewards:read")).toBe(roleCan(role, "ledger:read"));
    expect(matrix.MARKETER).toEqual(expect.arrayContaining(["customers:write", "mentions:moderate"]));
    expect(matrix.MARKETER).not.toContain("customers:delete");
    expect(matrix.MARKETER).not.toContain("members:invite");
    // Marketers run the reward catalogue; cancelling a redemption also needs ledger:adjust (admins).
    expect(matrix.MARKETER).toContain("rewards:manage");
    expect(matrix.MARKETER).not.toContain("ledger:adjust");
    expect(matrix.ADMIN).toEqual(expect.arrayContaining(["customers:delete", "members:invite", "settings:write", "ledger:adjust"]));
    expect(matrix.OWNER).toEqual([...PERMISSIONS]);
    // The audit log names members and what they changed: admins and owners only.
    expect(matrix.ADMIN).toContain("audit:read");
    expect(matrix.MARKETER).not.toContain("audit:read");
    expect(matrix.VIEWER).not.toContain("audit:read");
  });

  it("maps rewards:read to the rewards:read scope (rewards:write implies it; ledger scopes do not)", () => {
    expect(scopesAllow(new Set(["rewards:read"]), "rewards:read")).toBe(true);
    expect(scopesAllow(new Set(["rewards:write"]), "rewards:read")).toBe(true);
    expect(scopesAllow(new Set(["ledger:write"]), "rewards:read")).toBe(false);
    expect(scopesAllow(new Set(["rewards:read"]), "rewards:manage")).toBe(false);
  });

  it("ranks roles so nobody can grant more than they hold", () => {
    expect(ROLE_RANK.VIEWER).toBeLessThan(ROLE_RANK.MARKETER);
    expect(ROLE_RANK.MARKETER).toBeLessThan(ROLE_RANK.ADMIN);
    expect(ROLE_RANK.ADMIN).toBeLessThan(ROLE_RANK.OWNER);
  });

  it("assertCan throws FORBIDDEN naming the role", () => {
    const ctx = { tenantId: "ten_1", tenantSlug: "t", role: "VIEWER" as const, actor: { type: "USER" as const, id: "usr_1" } };
    expect(() => assertCan(ctx, "customers:write")).toThrow(/viewer/);
    expect(() => assertCan(ctx, "customers:read")).not.toThrow();
  });
});
