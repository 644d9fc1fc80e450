import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { deleteCustomer } from "../../../src/server/modules/customers/customer.service";
import { reverseLedgerEntry } from "../../../src/server/modules/ledger/reverse-entry";
import { rebuildLeaderboard, syncLeaderboard } from "../../../src/server/modules/leaderboard/leaderboard-sync";
import { myRank, setLeaderboardPreferences, topAdvocates } from "../../../src/server/modules/leaderboard/leaderboard.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { expectAppError, inTx, mentionAward, post } from "../ledger/ledger-test-kit";
import { customerContext, monthsAfter } from "../tiers/tiers-kit";

/** Customers created one after another (ids are time-ordered), each earning `points` in one entry. */
async function customersWithPoints(ctx: TenantContext, points: number[]) {
  const out = [];
  for (const [i, p] of points.entries()) {
    const customer = await makeCustomer(ctx);
    if (p > 0) await post(ctx, [mentionAward(customer.id, `earn-${customer.id}-${i}`, p)]);
    out.push(customer);
  }
  return out;
}

const names = (top: Awaited<ReturnType<typeof topAdvocates>>) => top.rows.map((r) => [r.rank, r.displayName, r.points]);

describe("leaderboard", () => {
  it("ranks by points earned; equal points share a rank and the earlier customer is listed first, also at the cut", async () => {
    const { ctx } = await createTenantWithMember();
    const [a, b, c, d] = await customersWithPoints(ctx, [100, 100, 150, 50]);
    for (const [customer, name] of [
      [a, "Ann"],
      [b, "Bo"],
      [c, "Cy"],
      [d, "Di"],
    ] as const) {
      await setLeaderboardPreferences(customerContext(ctx, customer!.id), { displayName: name });
    }
    await syncLeaderboard(ctx);
    expect(names(await topAdvocates(ctx, "all"))).toEqual([
      [1, "Cy", 150],
      [2, "Ann", 100],
      [2, "Bo", 100],
      [4, "Di", 50],
    ]);
    expect(names(await topAdvocates(ctx, "all", 2))).toEqual([
      [1, "Cy", 150],
      [2, "Ann", 100],
    ]);
    expect(await myRank(customerContext(ctx, b!.id), "all")).toMatchObject({ rank: 2, points: 100, optedOut: false, of: 4 });
    expect(await myRank(customerContext(ctx, d!.id), "month")).toMatchObject({ rank: 4, points: 50 });
    const nobody = await makeCustomer(ctx);
    expect(await myRank(customerContext(ctx, nobody.id), "all")).toMatchObject({ rank: null, points: 0, optedOut: false });
  });

  it("a customer who opts out leaves both boards at once and stays off after syncs; opting back in returns them", async () => {
    const { ctx } = await createTenantWithMember();
    const [a, b] = await customersWithPoints(ctx, [300, 200]);
    await syncLeaderboard(ctx);
    await setLeaderboardPreferences(customerContext(ctx, a!.id), { optOut: true });
    expect((await topAdvocates(ctx, "all")).rows.map((r) => r.points)).toEqual([200]);
    expect((await topAdvocates(ctx, "month")).rows.map((r) => r.points)).toEqual([200]);
    expect(await myRank(customerContext(ctx, a!.id), "all")).toMatchObject({ rank: null, optedOut: true });
    expect(await myRank(customerContext(ctx, b!.id), "all")).toMatchObject({ rank: 1 });
    await post(ctx, [mentionAward(a!.id, "more", 50)]);
    await syncLeaderboard(ctx);
    expect((await topAdvocates(ctx, "all")).rows.map((r) => r.points)).toEqual([200]);
    await setLeaderboardPreferences(customerContext(ctx, a!.id), { optOut: false });
    await syncLeaderboard(ctx);
    expect((await topAdvocates(ctx, "all")).rows.map((r) => r.points)).toEqual([350, 200]);
  });

  it("an erased customer leaves the boards and their name is gone", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const [a] = await customersWithPoints(ctx, [500, 10]);
    await setLeaderboardPreferences(customerContext(ctx, a!.id), { displayName: "Real Name" });
    await syncLeaderboard(ctx);
    expect((await topAdvocates(ctx, "all")).rows[0]).toMatchObject({ displayName: "Real Name", points: 500 });
    await deleteCustomer(ctx, a!.id);
    expect((await topAdvocates(ctx, "all")).rows.map((r) => r.points)).toEqual([10]);
    await syncLeaderboard(ctx);
    await rebuildLeaderboard(ctx);
    expect((await topAdvocates(ctx, "all")).rows.map((r) => r.points)).toEqual([10]);
    const row = await getDb().customer.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: a!.id }, select: { leaderboardName: true } });
    expect(row.leaderboardName).toBeNull();
  });

  it("this month counts only this calendar month (UTC); a reversal counts against its entry's month", async () => {
    const { ctx } = await createTenantWithMember();
    const [a, b] = await customersWithPoints(ctx, [80, 60]);
    const now = new Date();
    await syncLeaderboard(ctx, now);
    expect((await topAdvocates(ctx, "month", 100, now)).month).toBe(`${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`);
    expect((await topAdvocates(ctx, "month", 100, now)).rows.map((r) => r.points)).toEqual([80, 60]);

    const nextMonth = monthsAfter(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), 1);
    await rebuildLeaderboard(ctx, nextMonth);
    expect((await topAdvocates(ctx, "month", 100, nextMonth)).rows).toEqual([]);
    expect(await myRank(customerContext(ctx, a!.id), "month", nextMonth)).toMatchObject({ rank: null, points: 0 });
    expect((await topAdvocates(ctx, "all", 100, nextMonth)).rows.map((r) => r.points)).toEqual([80, 60]);

    // Reversing a's entry takes it out of this month's board and the all-time board alike.
    const entry = await getDb().ledgerEntry.findFirstOrThrow({ where: { tenantId: ctx.tenantId, customerId: a!.id } });
    await inTx((tx) => reverseLedgerEntry(tx, ctx, { entryId: entry.id, reason: "post deleted" }));
    await rebuildLeaderboard(ctx, now);
    expect((await topAdvocates(ctx, "month", 100, now)).rows.map((r) => r.points)).toEqual([60]);
    expect(await myRank(customerContext(ctx, b!.id), "all", now)).toMatchObject({ rank: 1, points: 60 });
  });

  it("myRank refuses a customer of another brand", async () => {
    const { ctx } = await createTenantWithMember();
    const other = await createTenantWithMember();
    const [theirs] = await customersWithPoints(other.ctx, [10]);
    await expectAppError(myRank(customerContext(ctx, theirs!.id), "all"), "NOT_FOUND");
    await expectAppError(setLeaderboardPreferences(customerContext(ctx, theirs!.id), { optOut: true }), "NOT_FOUND");
  });
});
