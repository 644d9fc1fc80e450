import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/server/errors";
import { countsAsEarning, prepareBatch, toColumns } from "../../../src/server/modules/ledger/ledger-batch";
import type { NewLedgerEntry } from "../../../src/server/modules/ledger/ledger.types";

const entry = (key: string, amount: number, extra: Partial<NewLedgerEntry> = {}): NewLedgerEntry => ({
  customerId: "cus_1",
  amount,
  source: "MENTION",
  idempotencyKey: key,
  explanation: { formula: String(amount) },
  ...extra,
});

describe("prepareBatch", () => {
  it("keeps the first entry of a repeated key and the order of the rest", () => {
    const kept = prepareBatch([entry("a", 1), entry("b", 2), entry("a", 99), entry("c", 3), entry("b", 98)]);
    expect(kept.map((e) => [e.idempotencyKey, e.amount])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });

  it.each([
    ["zero", entry("z", 0), /non-zero/],
    ["a fraction", entry("f", 0.5), /whole number/],
    ["beyond a Postgres integer", entry("big", 2 ** 31), /whole number/],
    ["NaN", entry("nan", Number.NaN), /whole number/],
    ["an empty key", entry("", 5), /idempotency key/],
    ["a key over 200 characters", entry("k".repeat(201), 5), /idempotency key/],
    ["a reversal", entry("r", -5, { source: "REVERSAL" }), /reverseLedgerEntry/],
  ])("refuses %s, naming the entry", (_label, bad, message) => {
    let error: unknown;
    try {
      prepareBatch([entry("ok", 1), bad]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    expect((error as AppError).message).toMatch(/^entry 1 /);
    expect((error as AppError).message).toMatch(message);
  });

  it("accepts negative amounts (expiry) and the largest integer", () => {
    expect(prepareBatch([entry("x", -40, { source: "EXPIRY" }), entry("y", 2 ** 31 - 1)])).toHaveLength(2);
  });
});

describe("toColumns", () => {
  it("turns entries into aligned column arrays with nulls for absent references and JSON explanations", () => {
    const cols = toColumns([entry("a", 5, { ruleId: "rule_1", mentionId: "men_1" }), entry("b", -3, { source: "EXPIRY", actorUserId: "usr_1" })]);
    expect(cols).toEqual({
      customerIds: ["cus_1", "cus_1"],
      amounts: [5, -3],
      sources: ["MENTION", "EXPIRY"],
      keys: ["a", "b"],
      ruleIds: ["rule_1", null],
      mentionIds: ["men_1", null],
      campaignIds: [null, null],
      redemptionIds: [null, null],
      actorUserIds: [null, "usr_1"],
      explanations: ['{"formula":"5"}', '{"formula":"-3"}'],
    });
  });
});

describe("countsAsEarning", () => {
  it("counts positive earnings and bonuses, not refunds, merges, expiries or spends", () => {
    expect(countsAsEarning("MENTION", 10)).toBe(true);
    expect(countsAsEarning("ADJUSTMENT", 10)).toBe(true);
    expect(countsAsEarning("ADJUSTMENT", -10)).toBe(false);
    expect(countsAsEarning("REVERSAL", 60)).toBe(false);
    expect(countsAsEarning("MERGE", 60)).toBe(false);
    expect(countsAsEarning("REDEMPTION", -60)).toBe(false);
  });
});
