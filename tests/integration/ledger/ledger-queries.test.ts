import { afterAll, describe, expect, it } from "vitest";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { explainEntry, getBalance, listLedgerEntries } from "../../../src/server/modules/ledger/ledger-queries";
import { ZLedgerPage } from "../../../src/server/modules/ledger/ledger.schemas";
import { reverseLedgerEntry } from "../../../src/server/modules/ledger/reverse-entry";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { expectAppError, inTx, mentionAward, post, realRef } from "./ledger-test-kit";

describe("ledger queries", () => {
  afterAll(() => assertLedgerInvariants());

  it("shows a customer's balance and history, newest first, each entry explaining itself", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const viewer = await addMember(ctx, "VIEWER");
    const customer = await makeCustomer(ctx);
    const [award] = await post(ctx, [
      mentionAward(customer.id, "m-1", 35, {
        campaignId: "cmp_summer",
        explanation: {
          rule: { id: "rule_1", name: "Brand mention", network: "TWITTER", action: "MENTION", basePoints: 10 },
          followers: 12_000,
          influence: { curve: "LOG", factor: 0.5, max: 3, multiplier: 2.35 },
          campaign: { id: "cmp_summer", name: "Summer", multiplier: 1.5 },
          formula: "10 × 2.35 influence × 1.5 campaign = 35",
        },
      }),
    ]);
    await adjustPoints(ctx, { customerId: customer.id, amount: 5, reason: "Thanks for the review", idempotencyKey: "adj" });
    const reversal = await inTx((tx) => reverseLedgerEntry(tx, ctx, { entryId: award!.id, reason: "deleted tweet" }));

    expect(await getBalance(viewer.ctx, customer.id)).toEqual({ customerId: customer.id, balance: 5, lifetimeEarned: 40 });
    const page = await listLedgerEntries(viewer.ctx, customer.id, { page: 1, pageSize: 2 });
    expect(ZLedgerPage.parse(page)).toEqual(page);
    expect(page.total).toBe(3);
    expect(page.items.map((e) => e.amount)).toEqual([-35, 5]);
    expect(page.items[0]).toMatchObject({
      id: reversal.entry.id,
      source: "REVERSAL",
      reversesId: award!.id,
      summary: "−35 points reversing an entry of +35 points: deleted tweet",
    });

    const last = await listLedgerEntries(viewer.ctx, customer.id, { page: 2, pageSize: 2 });
    expect(last.items).toHaveLength(1);
    expect(last.items[0]).toMatchObject({
      id: award!.id,
      reversedById: reversal.entry.id,
      campaignId: await realRef(ctx, "cmp_summer"),
      explanation: { followers: 12_000, influence: { multiplier: 2.35 } },
      summary: "+35 points for a mention on twitter (rule “Brand mention”): 10 × 2.35 influence × 1.5 campaign = 35",
    });
    expect(await explainEntry(viewer.ctx, award!.id)).toBe(last.items[0]!.summary);
  });

  it("shows 0 for a customer who never earned, and NOT_FOUND for another tenant's customer or entry", async () => {
    const mine = await createTenantWithMember("VIEWER");
    const theirs = await createTenantWithMember("OWNER");
    const quiet = await makeCustomer(theirs.ctx);
    expect(await getBalance(theirs.ctx, quiet.id)).toEqual({ customerId: quiet.id, balance: 0, lifetimeEarned: 0 });
    const [entry] = await post(theirs.ctx, [mentionAward(quiet.id, "x", 9)]);
    await expectAppError(getBalance(mine.ctx, quiet.id), "NOT_FOUND");
    await expectAppError(listLedgerEntries(mine.ctx, quiet.id), "NOT_FOUND");
    await expectAppError(explainEntry(mine.ctx, entry!.id), "NOT_FOUND");
    await expectAppError(explainEntry(mine.ctx, "not-an-id"), "NOT_FOUND");
  });
});
