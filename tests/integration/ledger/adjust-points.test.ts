import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { explainEntry, getBalance } from "../../../src/server/modules/ledger/ledger-queries";
import { deleteCustomer } from "../../../src/server/modules/customers/customer.service";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { entryCount, expectAppError } from "./ledger-test-kit";

describe("adjustPoints", () => {
  afterEach(() => assertLedgerInvariants());

  it("adds and removes points by hand, records who and why, and writes the audit log", async () => {
    const { ctx, user } = await createTenantWithMember("ADMIN");
    const customer = await makeCustomer(ctx);
    const added = await adjustPoints(ctx, { customerId: customer.id, amount: 120, reason: "Goodwill after a late delivery", idempotencyKey: "form-1" });
    expect(added).toMatchObject({ balance: 120, replayed: false, entry: { amount: 120 } });
    const removed = await adjustPoints(ctx, { customerId: customer.id, amount: -20, reason: "Double credit at the store", idempotencyKey: "form-2" });
    expect(removed.balance).toBe(100);
    expect(await getBalance(ctx, customer.id)).toEqual({ customerId: customer.id, balance: 100, lifetimeEarned: 120 });

    const entry = await getDb().ledgerEntry.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: added.entry.id } });
    expect(entry).toMatchObject({ source: "ADJUSTMENT", actorUserId: user.id, idempotencyKey: "adjustment:form-1" });
    expect(await explainEntry(ctx, added.entry.id)).toBe("+120 points manual adjustment: Goodwill after a late delivery");
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: "ledger.adjusted" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.data)).toEqual([
      { entryId: added.entry.id, amount: 120, reason: "Goodwill after a late delivery" },
      { entryId: removed.entry.id, amount: -20, reason: "Double credit at the store" },
    ]);
  });

  it("applies a double-submitted form once, also when both submits arrive together", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx);
    const input = { customerId: customer.id, amount: 50, reason: "Birthday bonus", idempotencyKey: "form-bday" };
    const results = await Promise.all([adjustPoints(ctx, input), adjustPoints(ctx, input), adjustPoints(ctx, input)]);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    expect((await getBalance(ctx, customer.id)).balance).toBe(50);
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "ledger.adjusted" } })).toBe(1);
    await expectAppError(adjustPoints(ctx, { ...input, amount: 500 }), "CONFLICT", /different adjustment/);
  });

  it("refuses to take a balance below zero, says how much there is, and changes nothing", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customer = await makeCustomer(ctx);
    await adjustPoints(ctx, { customerId: customer.id, amount: 30, reason: "Welcome bonus", idempotencyKey: "a" });
    const error = await expectAppError(
      adjustPoints(ctx, { customerId: customer.id, amount: -31, reason: "Correction", idempotencyKey: "b" }),
      "CONFLICT",
      /cannot remove 31 points: the customer has only 30 points/,
    );
    expect(error.issues).toEqual([{ path: "amount", message: "at most 30 can be removed" }]);
    expect((await getBalance(ctx, customer.id)).balance).toBe(30);
    expect(await entryCount(ctx, customer.id)).toBe(1);
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "ledger.adjusted" } })).toBe(1);
    // The refused key is free again: the same form can be corrected and resubmitted.
    await expect(adjustPoints(ctx, { customerId: customer.id, amount: -30, reason: "Correction", idempotencyKey: "b" })).resolves.toMatchObject({ balance: 0 });
  });

  it("validates the amount and the reason", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const customer = await makeCustomer(ctx);
    const base = { customerId: customer.id, reason: "Valid reason", idempotencyKey: "v" };
    await expect(adjustPoints(ctx, { ...base, amount: 0 })).rejects.toThrow(/must not be zero/);
    await expect(adjustPoints(ctx, { ...base, amount: 2.5 })).rejects.toThrow(/whole number/);
    await expect(adjustPoints(ctx, { ...base, amount: 1_000_001 })).rejects.toThrow(/1,000,000/);
    await expect(adjustPoints(ctx, { ...base, amount: -1_000_001 })).rejects.toThrow(/1,000,000/);
    await expect(adjustPoints(ctx, { ...base, amount: 5, reason: "  x " })).rejects.toThrow(/at least 3/);
    await expect(adjustPoints(ctx, { ...base, amount: 5, reason: "y".repeat(501) })).rejects.toThrow(/500/);
    await expect(adjustPoints(ctx, { ...base, amount: 1_000_000 })).resolves.toMatchObject({ balance: 1_000_000 });
  });

  it("is only for roles that may adjust the ledger", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx);
    const marketer = await addMember(ctx, "MARKETER");
    await expectAppError(adjustPoints(marketer.ctx, { customerId: customer.id, amount: 10, reason: "Sneaky", idempotencyKey: "m" }), "FORBIDDEN");
    expect(await entryCount(ctx)).toBe(0);
  });

  it("answers NOT_FOUND for another tenant's customer and for an erased one", async () => {
    const mine = await createTenantWithMember("ADMIN");
    const theirs = await createTenantWithMember("ADMIN");
    const foreign = await makeCustomer(theirs.ctx);
    await expectAppError(adjustPoints(mine.ctx, { customerId: foreign.id, amount: 10, reason: "Not mine", idempotencyKey: "x" }), "NOT_FOUND");
    const gone = await makeCustomer(mine.ctx);
    await adjustPoints(mine.ctx, { customerId: gone.id, amount: 10, reason: "Before erasure", idempotencyKey: "y" });
    await deleteCustomer(mine.ctx, gone.id);
    await expectAppError(adjustPoints(mine.ctx, { customerId: gone.id, amount: 10, reason: "After erasure", idempotencyKey: "z" }), "NOT_FOUND");
    expect(await entryCount(theirs.ctx)).toBe(0);
  });
});
