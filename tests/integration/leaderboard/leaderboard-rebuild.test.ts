import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { reverseLedgerEntry } from "../../../src/server/modules/ledger/reverse-entry";
import { deleteCustomer } from "../../../src/server/modules/customers/customer.service";
import { leaderboardKeys } from "../../../src/server/modules/leaderboard/leaderboard-keys";
import { rebuildLeaderboard, syncLeaderboard } from "../../../src/server/modules/leaderboard/leaderboard-sync";
import { setLeaderboardPreferences } from "../../../src/server/modules/leaderboard/leaderboard.service";
import { EARNING_SOURCES } from "../../../src/server/modules/ledger/ledger-batch";
import { getRedis } from "../../../src/server/redis";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { inTx, mentionAward, post, withRealRefs } from "../ledger/ledger-test-kit";
import { customerContext } from "../tiers/tiers-kit";

async function board(key: string): Promise<Record<string, number>> {
  const flat = await getRedis("cache").zrange(key, "0", "-1", "WITHSCORES");
  const out: Record<string, number> = {};
  for (let i = 0; i < flat.length; i += 2) out[flat[i]!] = Number(flat[i + 1]);
  return out;
}

/** The all-time standings computed here from the ledger rows themselves, independently of the SQL under test. */
async function expectedAllTime(ctx: TenantContext): Promise<Record<string, number>> {
  const db = getDb();
  const entries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId } });
  const live = await db.customer.findMany({
    where: { tenantId: ctx.tenantId, erasedAt: null, mergedIntoId: null, leaderboardOptOut: false },
    select: { id: true },
  });
  const liveIds = new Set(live.map((c) => c.id));
  const reversalOf = new Map(entries.filter((e) => e.reversesId).map((e) => [e.reversesId!, e.amount]));
  const out: Record<string, number> = {};
  for (const e of entries) {
    if (e.amount <= 0 || !EARNING_SOURCES.includes(e.source) || !liveIds.has(e.customerId)) continue;
    out[e.customerId] = (out[e.customerId] ?? 0) + e.amount + (reversalOf.get(e.id) ?? 0);
  }
  for (const [id, points] of Object.entries(out)) if (points <= 0) delete out[id];
  return out;
}

describe("leaderboard: the live boards agree with a rebuild from the ledger", () => {
  it("after earning, reversals, adjustments, an opt-out and an erasure, sync after sync", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const keys = leaderboardKeys(ctx);
    const customers = [];
    for (let i = 0; i < 6; i++) customers.push(await makeCustomer(ctx));
    const [a, b, c, d, e, f] = customers.map((x) => x.id) as [string, string, string, string, string, string];
    await syncLeaderboard(ctx);
    const posted = await post(ctx, [mentionAward(a, "1", 40), mentionAward(b, "2", 70), mentionAward(c, "3", 70), mentionAward(d, "4", 15)]);
    await syncLeaderboard(ctx);
    await inTx((tx) => reverseLedgerEntry(tx, ctx, { entryId: posted[1]!.id, reason: "post deleted" }));
    await adjustPoints(ctx, { customerId: e, amount: 25, reason: "Goodwill", idempotencyKey: "adj-e" });
    await adjustPoints(ctx, { customerId: a, amount: -10, reason: "Correction", idempotencyKey: "adj-a" });
    await syncLeaderboard(ctx);
    await setLeaderboardPreferences(customerContext(ctx, d), { optOut: true });
    await post(ctx, [mentionAward(f, "5", 5), mentionAward(c, "6", 1)]);
    await deleteCustomer(ctx, f);
    await syncLeaderboard(ctx);

    const live = { all: await board(keys.all), month: await board(keys.month(new Date())) };
    expect(live.all).toEqual(await expectedAllTime(ctx));
    expect(live.all).toEqual({ [a]: 40, [c]: 71, [e]: 25 });
    await rebuildLeaderboard(ctx);
    expect({ all: await board(keys.all), month: await board(keys.month(new Date())) }).toEqual(live);
  });

  it("an entry whose transaction commits after a sync has read is picked up by the next sync (no time margin needed)", async () => {
    const { ctx } = await createTenantWithMember();
    const customer = await makeCustomer(ctx);
    const noMargin = { floorMarginMs: 0 };
    await syncLeaderboard(ctx);
    const entries = await withRealRefs(ctx, [mentionAward(customer.id, "late", 33)]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const slow = getDb().$transaction(
      async (tx) => {
        await postLedgerEntries(tx, ctx, entries);
        inserted();
        await held;
      },
      { timeout: 20_000 },
    );
    await written;
    // The entry's id is older than this sync, and invisible to it.
    await new Promise((r) => setTimeout(r, 50));
    await syncLeaderboard(ctx, new Date(), noMargin);
    expect(await board(leaderboardKeys(ctx).all)).toEqual({});
    // Later syncs start from when that transaction began, not from when they ran.
    await new Promise((r) => setTimeout(r, 50));
    await syncLeaderboard(ctx, new Date(), noMargin);
    release();
    await slow;
    await syncLeaderboard(ctx, new Date(), noMargin);
    expect(await board(leaderboardKeys(ctx).all)).toEqual({ [customer.id]: 33 });
  });
});
