import { describe, expect, it } from "vitest";
import { getDb } from "../../src/server/db/client";
import { postLedgerEntries } from "../../src/server/modules/ledger/post-entries";
import { AppError } from "../../src/server/errors";
import { createCustomer, deleteCustomer, getCustomerOrThrow, listCustomers, updateCustomer } from "../../src/server/modules/customers/customer.service";
import { addMember, createTenantWithMember, makeCustomer } from "./support/factories";

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("customers", () => {
  it("creates a customer with several emails, the first one primary, lower-cased", async () => {
    const { ctx } = await createTenantWithMember("MARKETER");
    const created = await createCustomer(ctx, {
      displayName: "Ada Lovelace",
      emails: ["Ada@Example.test", "ada.work@example.test"],
      phone: "+1 212 555 0100",
      externalId: "crm-1",
    });
    expect(created.id).toMatch(/^cus_[0-9a-f]{32}$/);
    expect(created.emails).toEqual([
      { email: "ada@example.test", isPrimary: true },
      { email: "ada.work@example.test", isPrimary: false },
    ]);
    expect(created.lifecycleStage).toBe("CUSTOMER");
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: created.id } });
    expect(audit.map((a) => a.action)).toEqual(["customer.created"]);
  });

  it("refuses an email another customer of the same tenant has, and changes nothing", async () => {
    const { ctx } = await createTenantWithMember("MARKETER");
    await makeCustomer(ctx, { emails: ["taken@example.test"] });
    const error = await expectAppError(createCustomer(ctx, { displayName: "Copycat", emails: ["new@example.test", "TAKEN@example.test"] }), "CONFLICT");
    expect(error.issues[0]?.path).toBe("emails");
    const page = await listCustomers(ctx, {});
    expect(page.total).toBe(1);
    expect(await getDb().customerEmail.count({ where: { tenantId: ctx.tenantId, email: "new@example.test" } })).toBe(0);
  });

  it("allows the same email in two different tenants", async () => {
    const a = await createTenantWithMember("MARKETER");
    const b = await createTenantWithMember("MARKETER");
    await makeCustomer(a.ctx, { emails: ["shared@example.test"] });
    await expect(makeCustomer(b.ctx, { emails: ["shared@example.test"] })).resolves.toMatchObject({ displayName: expect.any(String) });
  });

  it("rejects unknown fields and duplicate emails in one request", async () => {
    const { ctx } = await createTenantWithMember("MARKETER");
    await expect(createCustomer(ctx, { displayName: "X", emails: ["x@example.test"], isAdmin: true } as never)).rejects.toThrow(/isAdmin/);
    await expect(createCustomer(ctx, { displayName: "X", emails: ["x@example.test", "X@example.test"] })).rejects.toThrow(/twice/);
    expect((await listCustomers(ctx, {})).total).toBe(0);
  });

  it("searches by name, email, external id and phone, and paginates", async () => {
    const { ctx } = await createTenantWithMember("VIEWER");
    const writer = await addMember(ctx, "MARKETER");
    for (let i = 0; i < 25; i++) await makeCustomer(writer.ctx, { displayName: `Bulk ${String(i).padStart(2, "0")}` });
    await makeCustomer(writer.ctx, { displayName: "Grace Hopper", emails: ["grace@navy.test"], externalId: "crm-77", phone: "+1 555 777" });

    expect((await listCustomers(ctx, { q: "grace" })).items.map((c) => c.displayName)).toEqual(["Grace Hopper"]);
    expect((await listCustomers(ctx, { q: "navy.test" })).total).toBe(1);
    expect((await listCustomers(ctx, { q: "crm-77" })).total).toBe(1);
    expect((await listCustomers(ctx, { q: "555 777" })).total).toBe(1);

    const first = await listCustomers(ctx, { page: 1, pageSize: 10 });
    const third = await listCustomers(ctx, { page: 3, pageSize: 10 });
    expect(first.total).toBe(26);
    expect(first.items).toHaveLength(10);
    expect(third.items).toHaveLength(6);
    const ids = new Set([...first.items, ...(await listCustomers(ctx, { page: 2, pageSize: 10 })).items, ...third.items].map((c) => c.id));
    expect(ids.size).toBe(26);
  });

  it("edits fields and replaces the email set", async () => {
    const { ctx } = await createTenantWithMember("MARKETER");
    const c = await makeCustomer(ctx, { emails: ["one@example.test", "two@example.test"] });
    const updated = await updateCustomer(ctx, c.id, {
      displayName: "Renamed",
      lifecycleStage: "ADVOCATE",
      emails: ["two@example.test", "three@example.test"],
    });
    expect(updated.displayName).toBe("Renamed");
    expect(updated.lifecycleStage).toBe("ADVOCATE");
    expect(updated.emails).toEqual([
      { email: "two@example.test", isPrimary: true },
      { email: "three@example.test", isPrimary: false },
    ]);
    // the freed address can now be used by someone else
    await expect(makeCustomer(ctx, { emails: ["one@example.test"] })).resolves.toBeTruthy();
  });

  it("answers 404 for another tenant's customer on read, edit and delete", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const theirs = await makeCustomer(b.ctx);
    await expectAppError(getCustomerOrThrow(a.ctx, theirs.id), "NOT_FOUND");
    await expectAppError(updateCustomer(a.ctx, theirs.id, { displayName: "hijacked" }), "NOT_FOUND");
    await expectAppError(deleteCustomer(a.ctx, theirs.id), "NOT_FOUND");
    expect((await getCustomerOrThrow(b.ctx, theirs.id)).displayName).toBe(theirs.displayName);
    await expectAppError(getCustomerOrThrow(a.ctx, "not-an-id"), "NOT_FOUND");
  });

  it("enforces roles: a viewer reads but cannot write, a marketer cannot delete", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const viewer = await addMember(ctx, "VIEWER");
    const marketer = await addMember(ctx, "MARKETER");
    const c = await makeCustomer(ctx);
    await expect(getCustomerOrThrow(viewer.ctx, c.id)).resolves.toBeTruthy();
    await expectAppError(makeCustomer(viewer.ctx), "FORBIDDEN");
    await expectAppError(updateCustomer(viewer.ctx, c.id, { displayName: "no" }), "FORBIDDEN");
    await expectAppError(deleteCustomer(marketer.ctx, c.id), "FORBIDDEN");
  });

  it("deletes a customer without history, and erases (keeps anonymously) one with ledger entries", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const plain = await makeCustomer(ctx);
    expect(await deleteCustomer(ctx, plain.id)).toEqual({ mode: "deleted" });
    await expectAppError(getCustomerOrThrow(ctx, plain.id), "NOT_FOUND");

    const earner = await makeCustomer(ctx, { emails: ["earner@example.test"] });
    await getDb().$transaction((tx) =>
      postLedgerEntries(tx, ctx, [{ customerId: earner.id, amount: 10, source: "ADJUSTMENT", idempotencyKey: "test:1", explanation: { formula: "10" } }]),
    );
    expect(await deleteCustomer(ctx, earner.id)).toEqual({ mode: "erased" });
    await expectAppError(getCustomerOrThrow(ctx, earner.id), "NOT_FOUND");
    const row = await getDb().customer.findFirst({ where: { tenantId: ctx.tenantId, id: earner.id } });
    expect(row?.displayName).toBe("Erased customer");
    expect(await getDb().customerEmail.count({ where: { tenantId: ctx.tenantId, customerId: earner.id } })).toBe(0);
    expect(await getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId, customerId: earner.id } })).toBe(1);

    // A customer others were merged into is erased too: the merged records keep pointing at it.
    const survivor = await makeCustomer(ctx);
    const duplicate = await makeCustomer(ctx);
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: duplicate.id }, data: { mergedIntoId: survivor.id } });
    expect(await deleteCustomer(ctx, survivor.id)).toEqual({ mode: "erased" });
    const merged = await getDb().customer.findFirst({ where: { tenantId: ctx.tenantId, id: duplicate.id } });
    expect(merged?.mergedIntoId).toBe(survivor.id);
  });
});
