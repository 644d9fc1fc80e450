import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CustomerContext, TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { reverseLedgerEntry } from "../../../src/server/modules/ledger/reverse-entry";
import { myLedger, myPointsSummary } from "../../../src/server/modules/portal/my-points";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

/** Issue 11 item 4: the customer's balance and every entry in words, only from what the ledger holds. */
const asCustomer = (ctx: TenantContext, customerId: string): CustomerContext => ({
  tenantId: ctx.tenantId,
  tenantSlug: ctx.tenantSlug,
  customerId,
  actor: { type: "CUSTOMER", id: customerId },
});

const give = (ctx: TenantContext, customerId: string, amount: number, reason: string) =>
  adjustPoints(ctx, { customerId, amount, reason, idempotencyKey: randomUUID() });

describe("my points", () => {
  it("shows balance, lifetime and points on hold for unfulfilled rewards; each entry in words; reversals against what they reverse", async () => {
    const { ctx } = await createTenantWithMember("OWNER", "Tasti D-Lite");
    const me = await makeCustomer(ctx);
    const someoneElse = await makeCustomer(ctx);
    await give(ctx, someoneElse.id, 999, "not mine");

    const welcome = await give(ctx, me.id, 120, "welcome gift");
    const mistake = await give(ctx, me.id, 40, "double counted visit");
    await getDb().$transaction((tx) => reverseLedgerEntry(tx, ctx, { entryId: mistake.entry.id, reason: "counted twice" }));
    const reward = await createReward(ctx, { name: "Free cup", cost: 50, stock: 10 });
    await redeemReward(ctx, { customerId: me.id, rewardId: reward.id, idempotencyKey: randomUUID() });

    const cctx = asCustomer(ctx, me.id);
    expect(await myPointsSummary(cctx)).toEqual({ balance: 120 + 40 - 40 - 50, lifetimeEarned: expect.any(Number) as number, onHold: 50 });
    const balanceRow = await getDb().pointBalance.findUniqueOrThrow({ where: { tenantId_customerId: { tenantId: ctx.tenantId, customerId: me.id } } });
    expect((await myPointsSummary(cctx)).lifetimeEarned).toBe(balanceRow.lifetimeEarned);

    const { lines, nextCursor } = await myLedger(cctx, "Tasti D-Lite");
    expect(nextCursor).toBeNull();
    expect(lines.map((l) => l.amount)).toEqual([-50, -40, 40, 120]);
    expect(lines[0]!.words).toBe("−50: spent on a reward (50 for “Free cup”)");
    expect(lines[1]!.words).toMatch(/^−40: taken back \(counted twice/);
    expect(lines[1]!.reverses).toMatchObject({ id: mistake.entry.id, words: "+40: from Tasti D-Lite: double counted visit" });
    expect(lines[2]!.reversedBy).toMatchObject({ id: lines[1]!.id });
    expect(lines[3]).toMatchObject({ id: welcome.entry.id, words: "+120: from Tasti D-Lite: welcome gift", reverses: null, reversedBy: null, postUrl: null });
    // The ledger rows themselves, newest first: nothing shown that they do not hold.
    const rows = await getDb().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, customerId: me.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(lines.map((l) => l.id)).toEqual(rows.map((r) => r.id));
  });

  it("pages through a long history without gaps or repeats, and never shows another customer's entries", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const me = await makeCustomer(ctx);
    const other = await makeCustomer(ctx);
    for (let i = 1; i <= 7; i++) await give(ctx, me.id, i, `visit number ${i}`);
    await give(ctx, other.id, 5, "theirs");
    const cctx = asCustomer(ctx, me.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await myLedger(cctx, "Brand", cursor, 3);
      seen.push(...page.lines.map((l) => l.amount));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
    // Another brand's customer id in a context of this brand sees nothing.
    const { ctx: elsewhere } = await createTenantWithMember("OWNER");
    expect((await myLedger(asCustomer(elsewhere, me.id), "Brand")).lines).toEqual([]);
    expect(await myPointsSummary(asCustomer(elsewhere, me.id))).toEqual({ balance: 0, lifetimeEarned: 0, onHold: 0 });
  });
});
