import { describe, expect, it } from "vitest";
import { ZCustomerCreate, ZCustomerListQuery, ZCustomerUpdate } from "../../src/server/modules/customers/customer.schemas";
import { slugify } from "../../src/server/modules/tenants/tenant.service";

describe("customer contracts", () => {
  it("normalises emails and blanks", () => {
    const parsed = ZCustomerCreate.parse({ displayName: "  Ada  ", emails: [" ADA@X.test "], phone: "", externalId: "" });
    expect(parsed).toMatchObject({ displayName: "Ada", emails: ["ada@x.test"], phone: null, externalId: null, lifecycleStage: "CUSTOMER" });
  });

  it("rejects no email, too many, duplicates after normalising, bad phone, unknown stage", () => {
    const base = { displayName: "A" };
    expect(ZCustomerCreate.safeParse({ ...base, emails: [] }).success).toBe(false);
    expect(ZCustomerCreate.safeParse({ ...base, emails: Array.from({ length: 11 }, (_, i) => `a${i}@x.test`) }).success).toBe(false);
    expect(ZCustomerCreate.safeParse({ ...base, emails: ["a@x.test", "A@X.TEST"] }).success).toBe(false);
    expect(ZCustomerCreate.safeParse({ ...base, emails: ["a@x.test"], phone: "call me" }).success).toBe(false);
    expect(ZCustomerCreate.safeParse({ ...base, emails: ["a@x.test"], lifecycleStage: "VIP" }).success).toBe(false);
  });

  it("an update needs at least one field and refuses unknown ones", () => {
    expect(ZCustomerUpdate.safeParse({}).success).toBe(false);
    expect(ZCustomerUpdate.safeParse({ tenantId: "ten_x" }).success).toBe(false);
    expect(ZCustomerUpdate.safeParse({ displayName: "B" }).success).toBe(true);
  });

  it("bounds pagination", () => {
    expect(ZCustomerListQuery.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(ZCustomerListQuery.safeParse({ pageSize: "1000" }).success).toBe(false);
    expect(ZCustomerListQuery.safeParse({ page: "0" }).success).toBe(false);
    expect(ZCustomerListQuery.parse({ q: "  " }).q).toBeUndefined();
  });
});

describe("tenant slugs", () => {
  it("makes readable URL-safe slugs", () => {
    expect(slugify("Tasti D-Lite")).toBe("tasti-d-lite");
    expect(slugify("Café Crème & Co.")).toBe("cafe-creme-co");
    expect(slugify("!")).toMatch(/^brand-/);
  });
});
