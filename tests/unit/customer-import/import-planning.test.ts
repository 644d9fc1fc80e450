// The pure parts of the customer CSV import: the UTF-8 check's first bad byte, one row read
// through a mapping, and the planner's decisions (external id first, then email).
import { describe, expect, it } from "vitest";
import { firstInvalidUtf8 } from "../../../src/server/modules/customer-import/csv-file";
import { planBatch, type ExistingCustomer } from "../../../src/server/modules/customer-import/import-plan";
import { readRecord, type ImportRecord } from "../../../src/server/modules/customer-import/import-rows";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("firstInvalidUtf8", () => {
  it("accepts ASCII, accents, RTL text and emoji", () => {
    expect(firstInvalidUtf8(new TextEncoder().encode("José نقطة 🧾 ok"))).toBe(-1);
  });

  it("names the first byte that is not UTF-8: Latin-1, a cut sequence, an overlong form, a surrogate", () => {
    expect(firstInvalidUtf8(bytes(0x4a, 0x6f, 0x73, 0xe9, 0x2c))).toBe(3);
    expect(firstInvalidUtf8(bytes(0x41, 0xf0, 0x9f, 0xa7))).toBe(1);
    expect(firstInvalidUtf8(bytes(0xc0, 0xaf))).toBe(0);
    expect(firstInvalidUtf8(bytes(0xe0, 0x80, 0xaf))).toBe(0);
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0);
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0);
  });
});

describe("readRecord", () => {
  const headers = ["id", "name", "mail", "stage", "phone"];
  const mapping = { externalId: 0, displayName: 1, emails: 2, lifecycleStage: 3, phone: 4 };

  it("splits emails, lower-cases them, reads the stage in any case and leaves empty cells undefined", () => {
    const outcome = readRecord({ line: 2, cells: ["X-1", " Ann ", "A@x.test; b@x.test", "loyal", ""] }, mapping, headers, 5);
    expect(outcome).toEqual({
      ok: true,
      record: { line: 2, externalId: "X-1", displayName: "Ann", emails: ["a@x.test", "b@x.test"], phone: undefined, lifecycleStage: "LOYAL", notes: undefined },
    });
  });

  it("reads back what an export escaped against formulas: '+44… is the phone +44…, '=x the name =x", () => {
    const outcome = readRecord({ line: 3, cells: ["X-2", "'=Not a formula", "c@x.test", "", "'+44 20 7946 0000"] }, mapping, headers, 5);
    expect(outcome).toMatchObject({ ok: true, record: { displayName: "=Not a formula", phone: "+44 20 7946 0000" } });
  });

  it("names each problem's column header", () => {
    const outcome = readRecord({ line: 9, cells: ["", "", "nope", "gold", "call me"] }, mapping, headers, 5);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.errors.map((e) => [e.row, e.column])).toEqual([
      [9, "stage"],
      [9, "name"],
      [9, "mail"],
      [9, "phone"],
    ]);
  });
});

describe("planBatch", () => {
  const record = (over: Partial<ImportRecord>): ImportRecord => ({ line: 2, externalId: null, displayName: "Ann", emails: ["a@x.test"], ...over });
  const customer = (over: Partial<ExistingCustomer>): ExistingCustomer => ({
    id: "cus_1",
    externalId: null,
    displayName: "Ann",
    phone: null,
    lifecycleStage: "CUSTOMER",
    notes: null,
    mergedIntoId: null,
    erasedAt: null,
    emails: ["a@x.test"],
    ...over,
  });
  const headers = { externalId: "id", emails: "mail" };

  it("creates the unknown, leaves the same unchanged, and updates only what differs", () => {
    const plan = planBatch(
      [
        record({ line: 2, emails: ["new@x.test"] }),
        record({ line: 3 }),
        record({ line: 4, externalId: "E-2", displayName: "Bob", emails: ["b@x.test"], phone: "+1 555 0100" }),
      ],
      [customer({}), customer({ id: "cus_2", externalId: "E-2", displayName: "Bob", emails: ["b@x.test"] })],
      headers,
    );
    expect(plan.creates.map((r) => r.line)).toEqual([2]);
    expect(plan.unchanged).toBe(1);
    expect(plan.updates).toEqual([
      { id: "cus_2", externalId: "E-2", displayName: "Bob", phone: "+1 555 0100", lifecycleStage: "CUSTOMER", notes: null, stageFrom: null, addEmails: [] },
    ]);
  });

  it("matches by external id before email, and refuses an email of another customer", () => {
    const byExt = customer({ id: "cus_ext", externalId: "E-1", emails: ["old@x.test"] });
    const byMail = customer({ id: "cus_mail", emails: ["a@x.test"] });
    const plan = planBatch([record({ externalId: "E-1", emails: ["a@x.test"] })], [byExt, byMail], headers);
    expect(plan.errors).toEqual([{ row: 2, column: "mail", message: "already used by another customer: a@x.test" }]);
    const moved = planBatch([record({ externalId: "E-1", emails: ["old@x.test", "more@x.test"], lifecycleStage: "LOYAL" })], [byExt], headers);
    expect(moved.updates[0]).toMatchObject({ id: "cus_ext", addEmails: ["more@x.test"], lifecycleStage: "LOYAL", stageFrom: "CUSTOMER" });
  });

  it("sets an external id on a customer found by email, but never replaces one, and never touches a merged customer", () => {
    expect(planBatch([record({ externalId: "E-9" })], [customer({})], headers).updates[0]).toMatchObject({ externalId: "E-9" });
    expect(planBatch([record({ externalId: "E-9" })], [customer({ externalId: "E-1" })], headers).errors[0]!.message).toBe(
      'a@x.test belongs to the customer with external id "E-1"',
    );
    expect(planBatch([record({})], [customer({ mergedIntoId: "cus_9" })], headers).errors[0]!.message).toBe("matches a customer who was merged or erased");
  });
});
