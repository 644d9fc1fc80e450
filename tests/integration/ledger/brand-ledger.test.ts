import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { listBrandLedger } from "../../../src/server/modules/ledger/brand-ledger";
import { csvLines } from "../../../src/server/modules/exports/csv-stream";
import { exportLedgerCsv } from "../../../src/server/modules/ledger/ledger-export";
import { dailyLiability, liabilityBy } from "../../../src/server/modules/ledger/liability";
import { reverseLedgerEntry } from "../../../src/server/modules/ledger/reverse-entry";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { cancelRedemption } from "../../../src/server/modules/rewards/redemption.service";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { inTx, mentionAward, post, realRef } from "./ledger-test-kit";

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** A brand whose ledger holds every kind of movement the liability classes. */
async function busyBrand() {
  const { ctx } = await createTenantWithMember("OWNER");
  const ana = await makeCustomer(ctx, { displayName: "Ana" });
  const ben = await makeCustomer(ctx, { displayName: "Ben" });
  const [a1, , b1] = await post(ctx, [
    mentionAward(ana.id, "a1", 40, { campaignId: "cmp_summer" }),
    mentionAward(ana.id, "a2", 25, { ruleId: "rule_checkin", source: "CHECKIN" }),
    mentionAward(ben.id, "b1", 30, { campaignId: "cmp_summer" }),
  ]);
  await adjustPoints(ctx, { customerId: ben.id, amount: 7, reason: "goodwill", idempotencyKey: "adj-up" });
  await adjustPoints(ctx, { customerId: ben.id, amount: -2, reason: "typo fix", idempotencyKey: "adj-down" });
  await inTx((tx) => reverseLedgerEntry(tx, ctx, { entryId: b1!.id, reason: "deleted post" }));
  const reward = await createReward(ctx, { name: "Mug", cost: 20 });
  const kept = await redeemReward(ctx, { customerId: ana.id, rewardId: reward.id, idempotencyKey: "r1" });
  const refunded = await redeemReward(ctx, { customerId: ana.id, rewardId: reward.id, idempotencyKey: "r2" });
  await cancelRedemption(ctx, { id: refunded.redemption.id, reason: "out of stock" });
  await post(ctx, [{ customerId: ana.id, amount: -5, source: "EXPIRY", idempotencyKey: "exp", explanation: { formula: "expired after 12 months" } }]);
  return { ctx, ana, ben, a1: a1!, kept };
}

/** The liability recounted from the rows themselves, one entry at a time. */
async function recount(ctx: TenantContext) {
  const rows = await getDb().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId }, select: { amount: true, source: true } });
  const total = { earned: 0, redeemed: 0, expired: 0, reversed: 0, other: 0, net: 0 };
  for (const { amount, source } of rows) {
    total.net += amount;
    if (["MENTION", "CHECKIN", "SHARE", "LINK_ACCOUNT"].includes(source) || (source === "ADJUSTMENT" && amount > 0)) total.earned += amount;
    else if (source === "REDEMPTION") total.redeemed -= amount;
    else if (source === "EXPIRY") total.expired -= amount;
    else if (source === "REVERSAL") total.reversed -= amount;
    else total.other -= amount;
  }
  const balances = await getDb().pointBalance.aggregate({ where: { tenantId: ctx.tenantId }, _sum: { balance: true } });
  return { total, held: balances._sum.balance ?? 0 };
}

describe("the brand ledger and its liability", () => {
  afterAll(() => assertLedgerInvariants());

  it("daily liability equals a recount of the ledger, and what customers hold is the running outstanding", async () => {
    const { ctx } = await busyBrand();
    const viewer = await addMember(ctx, "VIEWER");
    const report = await dailyLiability(viewer.ctx);
    const { total, held } = await recount(ctx);
    expect(report.totals).toEqual({ ...total, outstanding: held });
    // The exact figures, so a wrong class (a refund counted as earned, say) shows here too.
    expect(total).toEqual({ earned: 102, redeemed: 40, expired: 5, reversed: 10, other: 2, net: 45 });
    expect(held).toBe(45);
    expect(report.days).toHaveLength(1);
    expect(report.days[0]).toMatchObject({ day: today(), ...total, outstanding: held });
    expect(report.totals.earned - report.totals.redeemed - report.totals.expired - report.totals.reversed - report.totals.other).toBe(held);

    // A range that starts after today opens with everything held and moves nothing.
    const later = await dailyLiability(viewer.ctx, { from: tomorrow(), to: tomorrow() });
    expect(later.opening).toBe(held);
    expect(later.days).toEqual([{ day: tomorrow(), earned: 0, redeemed: 0, expired: 0, reversed: 0, other: 0, net: 0, outstanding: held }]);
  });

  it("totals per campaign and per rule add up to the whole, reversals lowering their original's row", async () => {
    const { ctx } = await busyBrand();
    const summer = await realRef(ctx, "cmp_summer");
    const byCampaign = await liabilityBy(ctx, "campaign");
    expect(byCampaign.find((r) => r.id === summer)).toEqual({
      id: summer,
      name: "cmp_summer",
      entries: 3,
      customers: 2,
      earned: 70,
      reversed: 30,
      net: 40,
    });
    expect(byCampaign.find((r) => r.id === null)?.name).toBe("No campaign");
    expect(byCampaign.reduce((n, r) => n + r.net, 0)).toBe(45);
    const byRule = await liabilityBy(ctx, "rule", { kind: "CHECKIN" });
    expect(byRule).toEqual([{ id: await realRef(ctx, "rule_checkin"), name: "rule_checkin", entries: 1, customers: 1, earned: 25, reversed: 0, net: 25 }]);
  });

  it("lists every entry newest first in keyset pages, filtered and explained, with customer and mention", async () => {
    const { ctx, ana, a1 } = await busyBrand();
    const all = await getDb().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { id: "desc" }, select: { id: true } });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listBrandLedger(ctx, { pageSize: 3, after });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      after = page.nextAfter ?? undefined;
    } while (after);
    expect(seen).toEqual(all.map((e) => e.id));
    // Within a day range the cursor and the range's id bounds work together.
    const inRange: string[] = [];
    after = undefined;
    do {
      const page = await listBrandLedger(ctx, { pageSize: 4, after, from: today(), to: today() });
      inRange.push(...page.items.map((e) => e.id));
      after = page.nextAfter ?? undefined;
    } while (after);
    expect(inRange).toEqual(all.map((e) => e.id));

    const mentions = await listBrandLedger(ctx, { kind: "MENTION", customerId: ana.id, from: today(), to: today() });
    expect(mentions.items).toHaveLength(1);
    expect(mentions.items[0]).toMatchObject({
      id: a1.id,
      amount: 40,
      customer: { id: ana.id, name: "Ana" },
      campaign: { name: "cmp_summer" },
      mention: { id: await realRef(ctx, "men_a1"), handle: "ledger_test", text: "post men_a1" },
      summary: "+40 points for a mention on twitter (rule “Brand mention”): 40 base",
    });
    expect((await listBrandLedger(ctx, { from: tomorrow() })).items).toEqual([]);
  });

  it("exports each list as CSV with the same rows, spreadsheet formulas escaped", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const hostile = await makeCustomer(ctx, { displayName: '=HYPERLINK("http://evil.test","click")' });
    await adjustPoints(ctx, { customerId: hostile.id, amount: 5, reason: "@SUM(A1:A9)", idempotencyKey: "x" });
    await adjustPoints(ctx, { customerId: hostile.id, amount: -1, reason: "+1 then -1", idempotencyKey: "y" });

    const entries = await readCsv(ctx, { report: "entries" });
    expect(entries[0]).toEqual([
      "Entry",
      "Date (UTC)",
      "Kind",
      "Points",
      "Explanation",
      "Customer id",
      "Customer",
      "Rule",
      "Campaign",
      "Mention id",
      "Mention by",
      "Reverses",
    ]);
    expect(entries).toHaveLength(3);
    expect(entries[1]!.slice(2, 7)).toEqual([
      "ADJUSTMENT",
      "-1",
      "−1 point manual adjustment: +1 then -1",
      hostile.id,
      `'=HYPERLINK("http://evil.test","click")`,
    ]);
    expect(entries[2]![6]).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(entries[2]![4]).toBe("'+5 points manual adjustment: @SUM(A1:A9)");

    const daily = await readCsv(ctx, { report: "daily" });
    expect(daily.slice(1)).toEqual([[today(), "5", "0", "0", "0", "1", "4", "4"]]);
    const rules = await readCsv(ctx, { report: "rules" });
    expect(rules.slice(1)).toEqual([["", "No rule", "2", "1", "5", "0", "4"]]);
  });

  it("escapes every formula lead a spreadsheet runs, and nothing else", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    for (const [i, lead] of ["=", "+", "-", "@", "", "ب"].entries()) {
      const c = await makeCustomer(ctx, { displayName: `${lead}name ${i} 🎉` });
      await adjustPoints(ctx, { customerId: c.id, amount: 1, reason: "hello", idempotencyKey: `k${i}` });
    }
    const stored = await getDb().customer.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, displayName: true } });
    const exported = (await readCsv(ctx, { report: "entries" })).slice(1);
    expect(exported).toHaveLength(6);
    for (const row of exported) {
      const name = stored.find((c) => c.id === row[5])!.displayName;
      expect(row[6]).toBe(/^[=+\-@]/.test(name) ? `'${name}` : name);
    }
    // Tab and carriage return leads (the input normaliser trims them from names, not from every cell).
    expect(parse(csvLines([["\tcmd", "\r=1", "ok", -3]]))).toEqual([["'\tcmd", "'\r=1", "ok", "-3"]]);
  });

  it("another brand's member sees nothing of this brand's ledger, even naming its customer, rule or campaign", async () => {
    const { ctx, ana } = await busyBrand();
    const other = await createTenantWithMember("OWNER");
    expect((await listBrandLedger(other.ctx, { customerId: ana.id })).items).toEqual([]);
    expect((await listBrandLedger(other.ctx)).items).toEqual([]);
    const summer = await dailyLiability(other.ctx, { campaignId: await realRef(ctx, "cmp_summer") });
    expect(summer.totals).toEqual({ earned: 0, redeemed: 0, expired: 0, reversed: 0, other: 0, net: 0, outstanding: 0 });
    expect(await liabilityBy(other.ctx, "rule", { ruleId: await realRef(ctx, "rule_checkin") })).toEqual([]);
    expect(await readCsv(other.ctx, { report: "entries", customerId: ana.id })).toHaveLength(1);
    expect(await readCsv(other.ctx, { report: "campaigns" })).toHaveLength(1);
  });

  it("refuses a malformed filter before reading anything", async () => {
    const { ctx } = await createTenantWithMember("VIEWER");
    await expect(exportLedgerCsv(ctx, { report: "entries", from: "2026-02-01", to: "2026-01-01" })).rejects.toThrow(/first day must not be after/);
    await expect(listBrandLedger(ctx, { customerId: "cus_nope" })).rejects.toThrow(/not a customer id/);
  });
});

async function readCsv(ctx: TenantContext, query: Parameters<typeof exportLedgerCsv>[1]): Promise<string[][]> {
  const csv = await exportLedgerCsv(ctx, query);
  const bytes = new Uint8Array(await new Response(csv.body).arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark spreadsheets want
  const rows: string[][] = parse(new TextDecoder().decode(bytes));
  return rows;
}
