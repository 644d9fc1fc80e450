import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { allAtMost } from "../support/at-most";
import { balanceOf, entryCount, expectAppError, inTx, mentionAward, post, realRef, withRealRefs } from "./ledger-test-kit";

describe("postLedgerEntries", () => {
  afterEach(() => assertLedgerInvariants());

  it("appends a batch, moves each customer's balance once by the sum, and returns what it posted", async () => {
    const { ctx } = await createTenantWithMember();
    const ada = await makeCustomer(ctx);
    const bob = await makeCustomer(ctx);
    const posted = await post(ctx, [mentionAward(ada.id, "m-1", 10), mentionAward(bob.id, "m-2", 5), mentionAward(ada.id, "m-3", 7)]);
    expect(posted.map((p) => [p.idempotencyKey, p.amount])).toEqual([
      ["m-1", 10],
      ["m-2", 5],
      ["m-3", 7],
    ]);
    expect(posted.every((p) => /^led_[0-9a-f]{32}$/.test(p.id))).toBe(true);
    expect(await balanceOf(ctx, ada.id)).toEqual({ balance: 17, lifetimeEarned: 17 });
    expect(await balanceOf(ctx, bob.id)).toEqual({ balance: 5, lifetimeEarned: 5 });
    const stored = await getDb().ledgerEntry.findFirstOrThrow({ where: { tenantId: ctx.tenantId, idempotencyKey: "m-1" } });
    expect(stored).toMatchObject({
      mentionId: await realRef(ctx, "men_m-1"),
      ruleId: await realRef(ctx, "rule_test"),
      source: "MENTION",
      explanation: { formula: "10 base" },
    });
  });

  it("ignores a key repeated inside one batch (the first wins) and keys posted by an earlier batch", async () => {
    const { ctx } = await createTenantWithMember();
    const ada = await makeCustomer(ctx);
    const first = await post(ctx, [mentionAward(ada.id, "k-1", 10), mentionAward(ada.id, "k-1", 999), mentionAward(ada.id, "k-2", 3)]);
    expect(first.map((p) => [p.idempotencyKey, p.amount])).toEqual([
      ["k-1", 10],
      ["k-2", 3],
    ]);
    const second = await post(ctx, [mentionAward(ada.id, "k-2", 3), mentionAward(ada.id, "k-3", 4), mentionAward(ada.id, "k-1", 10)]);
    expect(second.map((p) => p.idempotencyKey)).toEqual(["k-3"]);
    const replay = await post(ctx, [mentionAward(ada.id, "k-1", 10), mentionAward(ada.id, "k-3", 4)]);
    expect(replay).toEqual([]);
    expect(await balanceOf(ctx, ada.id)).toEqual({ balance: 17, lifetimeEarned: 17 });
    expect(await entryCount(ctx, ada.id)).toBe(3);
  });

  it("leaves no trace when the caller's transaction fails after posting, so a retry pays exactly once", async () => {
    const { ctx } = await createTenantWithMember();
    const ada = await makeCustomer(ctx);
    const [award] = await withRealRefs(ctx, [mentionAward(ada.id, "job-1", 12)]);
    await expect(
      inTx(async (tx) => {
        await postLedgerEntries(tx, ctx, [award!]);
        throw new Error("the scoring job crashed after posting");
      }),
    ).rejects.toThrow(/crashed/);
    expect(await entryCount(ctx)).toBe(0);
    expect((await balanceOf(ctx, ada.id)).balance).toBe(0);
    expect(await post(ctx, [award!])).toHaveLength(1);
    expect(await post(ctx, [award!])).toHaveLength(0);
    expect((await balanceOf(ctx, ada.id)).balance).toBe(12);
  });

  it("treats the same key in two tenants as two different entries", async () => {
    const a = await createTenantWithMember();
    const b = await createTenantWithMember();
    const ca = await makeCustomer(a.ctx);
    const cb = await makeCustomer(b.ctx);
    expect(await post(a.ctx, [mentionAward(ca.id, "shared-key", 5)])).toHaveLength(1);
    expect(await post(b.ctx, [mentionAward(cb.id, "shared-key", 6)])).toHaveLength(1);
    expect((await balanceOf(a.ctx, ca.id)).balance).toBe(5);
    expect((await balanceOf(b.ctx, cb.id)).balance).toBe(6);
  });

  it("pays each key exactly once when two transactions post overlapping batches at the same time", async () => {
    const { ctx } = await createTenantWithMember();
    const customers = await Promise.all([makeCustomer(ctx), makeCustomer(ctx), makeCustomer(ctx)]);
    const batch = (offset: number) =>
      Array.from({ length: 300 }, (_, i) => mentionAward(customers[(i + offset) % 3]!.id, `race-${(i + offset) % 400}`, 1 + (((i + offset) % 400) % 5)));
    for (let round = 0; round < 3; round++) {
      const [one, two] = await Promise.all([post(ctx, batch(round * 50)), post(ctx, batch(100 + round * 50))]);
      const keys = [...one, ...two].map((p) => p.idempotencyKey);
      expect(new Set(keys).size, "a key was paid by both transactions").toBe(keys.length);
    }
    const total = await getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId } });
    expect(total).toBe(400);
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("refuses the whole batch when one customer belongs to another tenant", async () => {
    const mine = await createTenantWithMember();
    const theirs = await createTenantWithMember();
    const own = await makeCustomer(mine.ctx);
    const foreign = await makeCustomer(theirs.ctx);
    await expectAppError(post(mine.ctx, [mentionAward(own.id, "ok", 5), mentionAward(foreign.id, "sneaky", 500)]), "NOT_FOUND", /customer/);
    expect(await entryCount(mine.ctx)).toBe(0);
    expect(await entryCount(theirs.ctx)).toBe(0);
    expect((await balanceOf(theirs.ctx, foreign.id)).balance).toBe(0);
  });

  it("posts negative entries (expiry) against a balance and refuses to take it below zero", async () => {
    const { ctx } = await createTenantWithMember();
    const ada = await makeCustomer(ctx);
    const bob = await makeCustomer(ctx);
    await post(ctx, [mentionAward(ada.id, "e-1", 50)]);
    const expiry = (customerId: string, key: string, amount: number) => ({
      customerId,
      amount,
      source: "EXPIRY" as const,
      idempotencyKey: key,
      explanation: { formula: `${amount} after 12 months` },
    });
    // Earned and expired in one batch: the balance moves by the net, lifetime by the earning.
    await post(ctx, [expiry(ada.id, "x-1", -30), mentionAward(ada.id, "e-2", 5)]);
    expect(await balanceOf(ctx, ada.id)).toEqual({ balance: 25, lifetimeEarned: 55 });
    await expectAppError(post(ctx, [expiry(ada.id, "x-2", -26)]), "CONFLICT", /below zero/);
    await expectAppError(post(ctx, [expiry(bob.id, "x-3", -1)]), "CONFLICT", /below zero/);
    expect(await balanceOf(ctx, ada.id)).toEqual({ balance: 25, lifetimeEarned: 55 });
    expect(await entryCount(ctx)).toBe(3);
  });

  it("refuses malformed entries before writing anything", async () => {
    const { ctx } = await createTenantWithMember();
    const ada = await makeCustomer(ctx);
    await expectAppError(post(ctx, [mentionAward(ada.id, "z", 0)]), "BAD_REQUEST", /non-zero/);
    await expectAppError(post(ctx, [mentionAward(ada.id, "f", 1.5)]), "BAD_REQUEST", /whole number/);
    await expectAppError(post(ctx, [mentionAward(ada.id, "", 5)]), "BAD_REQUEST", /idempotency key/);
    await expectAppError(post(ctx, [{ ...mentionAward(ada.id, "r", -5), source: "REVERSAL" }]), "BAD_REQUEST", /reverseLedgerEntry/);
    expect(await entryCount(ctx)).toBe(0);
  });

  it("posts a batch of 1,000 awards in a single database round trip", async () => {
    const { ctx } = await createTenantWithMember();
    const customers = await allAtMost(50, () => makeCustomer(ctx));
    const batch = (prefix: string) => Array.from({ length: 1_000 }, (_, i) => mentionAward(customers[i % 50]!.id, `${prefix}-${i}`, 1 + (i % 9)));
    await post(ctx, batch("warm-up"));

    for (const run of ["bench-1", "bench-2", "bench-3"]) {
      const entries = await withRealRefs(ctx, batch(run));
      let calls = 0;
      const posted = await inTx((tx) => {
        // Count every call the function makes on the transaction client: each is a round trip.
        const counting = new Proxy(tx, {
          get(target, prop, receiver) {
            const value: unknown = Reflect.get(target, prop, receiver);
            if (typeof value === "function") return (...args: unknown[]) => (calls++, (value as (...a: unknown[]) => unknown).apply(target, args));
            return value;
          },
        });
        return postLedgerEntries(counting, ctx, entries);
      });
      expect(posted).toHaveLength(1_000);
      expect(calls).toBe(1);
    }
    // Speed is the ingest benchmark's job (npm run bench:ingest), never a timed test: the round
    // trip count above is what catches a regression such as a statement per entry.
    const sum = batch("bench").reduce((s, e) => s + e.amount, 0) * 4;
    const balances = await getDb().pointBalance.aggregate({ where: { tenantId: ctx.tenantId }, _sum: { balance: true } });
    expect(balances._sum.balance).toBe(sum);
  });
});
