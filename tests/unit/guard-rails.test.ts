import { describe, expect, it } from "vitest";
import { assertOperationAllowed, assertWhereIsExplicit, undefinedInWhere, whereNamesTenant } from "../../src/server/db/guard-rails";

describe("tenant guard-rails", () => {
  it("recognises tenantId and compound keys that lead with it", () => {
    expect(whereNamesTenant({ tenantId: "ten_1", id: "x" })).toBe(true);
    expect(whereNamesTenant({ tenantId_email: { tenantId: "ten_1", email: "a" } })).toBe(true);
    expect(whereNamesTenant({ id: "x" })).toBe(false);
    expect(whereNamesTenant({ tenantId: undefined })).toBe(false);
    expect(whereNamesTenant(undefined)).toBe(false);
  });

  it("refuses tenant-owned reads and writes without a tenant, allows creates and global models", () => {
    expect(() => assertOperationAllowed("Customer", "findMany", { where: { displayName: "x" } })).toThrow(/without tenantId/);
    expect(() => assertOperationAllowed("LedgerEntry", "updateMany", { where: { id: "x" }, data: {} })).toThrow(/without tenantId/);
    expect(() => assertOperationAllowed("Customer", "create", { data: { tenantId: "t" } })).not.toThrow();
    expect(() => assertOperationAllowed("User", "findUnique", { where: { id: "u" } })).not.toThrow();
  });

  it("refuses bulk writes with an empty where on any model", () => {
    expect(() => assertOperationAllowed("User", "deleteMany", {})).toThrow(/empty where/);
    expect(() => assertOperationAllowed("User", "updateMany", { where: {}, data: {} })).toThrow(/empty where/);
  });

  it("finds an undefined anywhere in a where, and nothing else", () => {
    expect(undefinedInWhere({ tenantId: "t", id: undefined })).toBe("where.id");
    expect(undefinedInWhere({ AND: [{ a: 1 }, { b: { in: ["x", undefined] } }] })).toBe("where.AND.1.b.in.1");
    expect(undefinedInWhere({ createdAt: { gt: new Date() }, name: null, tags: { has: "x" } })).toBeNull();
    expect(() => assertWhereIsExplicit("User", "findMany", { where: { email: undefined } })).toThrow(/where\.email is undefined/);
    expect(() => assertWhereIsExplicit("User", "findMany", {})).not.toThrow();
    expect(() => assertWhereIsExplicit("User", "update", { where: { id: "u" }, data: { name: undefined } })).not.toThrow();
  });
});
