// Issue 13 item 5: the customer CSV import against real Postgres and Redis — file-level checks
// (encoding, BOM, quoted newlines), the mapping, the dry run's row errors, matching by external id
// then email, an idempotent second run, resuming after a crash, and the other brand untouched.
import type { Job } from "bullmq";
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { isAppError } from "../../../src/server/errors";
import type { ImportMapping } from "../../../src/server/modules/customer-import/customer-import.schemas";
import { getCustomerImport, startImportCheck, startImportRun, uploadCustomerImport } from "../../../src/server/modules/customer-import/customer-import.service";
import { customerImportHandler } from "../../../src/server/modules/customer-import/customer-import.handlers";
import { runCustomerImport } from "../../../src/server/modules/customer-import/import-run";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const utf8 = (text: string) => new TextEncoder().encode(text);

async function upload(ctx: TenantContext, bytes: Uint8Array | string) {
  return uploadCustomerImport(ctx, { name: "customers.csv", bytes: typeof bytes === "string" ? utf8(bytes) : bytes });
}

/** Check then import, as the worker would (the handler's code path, in process). */
async function checkAndImport(ctx: TenantContext, csv: string | Uint8Array, mapping?: ImportMapping, skipInvalid = false) {
  const uploaded = await upload(ctx, csv);
  await startImportCheck(ctx, uploaded.id, mapping ?? uploaded.mapping);
  await runCustomerImport(ctx, uploaded.id, "check");
  const checked = await getCustomerImport(ctx, uploaded.id);
  if (checked.status !== "CHECKED") return { checked, imported: checked };
  await startImportRun(ctx, uploaded.id, skipInvalid);
  await runCustomerImport(ctx, uploaded.id, "import");
  return { checked, imported: await getCustomerImport(ctx, uploaded.id) };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.message;
}

const customers = (ctx: TenantContext) =>
  unsafeCrossTenantDb().customer.findMany({
    where: { tenantId: ctx.tenantId },
    orderBy: { displayName: "asc" },
    select: {
      displayName: true,
      externalId: true,
      phone: true,
      lifecycleStage: true,
      notes: true,
      emails: { select: { email: true, isPrimary: true }, orderBy: { email: "asc" } },
    },
  });

const counts = (i: { total: number; processed: number; created: number; updated: number; unchanged: number; failed: number }) => ({
  total: i.total,
  processed: i.processed,
  created: i.created,
  updated: i.updated,
  unchanged: i.unchanged,
  failed: i.failed,
});

describe("customer CSV import", () => {
  it("guesses the mapping from the headers, imports with a BOM and quoted newlines, and a second run changes nothing", async () => {
    const { ctx } = await createTenantWithMember("MARKETER");
    const csv =
      '\uFEFFCustomer ID,Name,Email,Phone,Stage,Notes\r\nA-1,"Ann ""the first"" Lee",ann@example.test;ann2@example.test,+44 20 1234 5678,loyal,"line one\nline two"\r\nA-2,Bob,BOB@example.test,,,\r\n';
    const uploaded = await upload(ctx, csv);
    expect(uploaded.headers).toEqual(["Customer ID", "Name", "Email", "Phone", "Stage", "Notes"]);
    expect(uploaded.mapping).toEqual({ externalId: 0, displayName: 1, emails: 2, phone: 3, lifecycleStage: 4, notes: 5 });

    const first = await checkAndImport(ctx, csv);
    expect(counts(first.checked)).toEqual({ total: 2, processed: 2, created: 2, updated: 0, unchanged: 0, failed: 0 });
    expect(first.imported.status).toBe("IMPORTED");
    expect(counts(first.imported)).toEqual({ total: 2, processed: 2, created: 2, updated: 0, unchanged: 0, failed: 0 });
    expect(await customers(ctx)).toEqual([
      {
        displayName: 'Ann "the first" Lee',
        externalId: "A-1",
        phone: "+44 20 1234 5678",
        lifecycleStage: "LOYAL",
        notes: "line one\nline two",
        emails: [
          { email: "ann2@example.test", isPrimary: false },
          { email: "ann@example.test", isPrimary: true },
        ],
      },
      { displayName: "Bob", externalId: "A-2", phone: null, lifecycleStage: "CUSTOMER", notes: null, emails: [{ email: "bob@example.test", isPrimary: true }] },
    ]);

    const again = await checkAndImport(ctx, csv);
    expect(counts(again.checked)).toEqual({ total: 2, processed: 2, created: 0, updated: 0, unchanged: 2, failed: 0 });
    expect(counts(again.imported)).toEqual({ total: 2, processed: 2, created: 0, updated: 0, unchanged: 2, failed: 0 });
    expect(await unsafeCrossTenantDb().customer.count({ where: { tenantId: ctx.tenantId } })).toBe(2);
  });

  it("matches by external id first, then by email; updates only mapped, filled columns; never touches another brand", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    await makeCustomer(ctx, { displayName: "Old name", externalId: "X-1", emails: ["x1@example.test"], phone: "+1 555 0100" });
    await makeCustomer(ctx, { displayName: "By email", emails: ["mail@example.test"] });
    // The other brand has the same external id and email: none of it is matched or changed.
    await makeCustomer(other.ctx, { displayName: "Theirs", externalId: "X-1", emails: ["mail@example.test"] });
    const before = await customers(other.ctx);

    const csv = "ref,name,emails,phone\nX-1,New name,x1@example.test new@example.test,\nE-9,By email,mail@example.test,\n";
    const { imported } = await checkAndImport(ctx, csv);
    expect(counts(imported)).toEqual({ total: 2, processed: 2, created: 0, updated: 2, unchanged: 0, failed: 0 });
    expect(await customers(ctx)).toEqual([
      {
        displayName: "By email",
        externalId: "E-9",
        phone: null,
        lifecycleStage: "CUSTOMER",
        notes: null,
        emails: [{ email: "mail@example.test", isPrimary: true }],
      },
      {
        displayName: "New name",
        externalId: "X-1",
        // An empty phone cell keeps the phone.
        phone: "+1 555 0100",
        lifecycleStage: "CUSTOMER",
        notes: null,
        emails: [
          { email: "new@example.test", isPrimary: false },
          { email: "x1@example.test", isPrimary: true },
        ],
      },
    ]);
    expect(await customers(other.ctx)).toEqual(before);
  });

  it("reports each broken row with its row number, column and message; the real run waits for consent, then skips only those", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await makeCustomer(ctx, { displayName: "Taken", externalId: "T-1", emails: ["taken@example.test"] });
    const csv = [
      "id,name,email,stage",
      "1,Good One,good1@example.test,",
      "2,,noname@example.test,",
      "3,Bad Mail,not-an-email,",
      "4,Bad Stage,stage@example.test,royal",
      "5,Twice,good1@example.test,",
      "6,Thief,taken@example.test,",
      "7,Short row",
      "8,Good Two,good2@example.test,ADVOCATE",
    ].join("\n");
    const uploaded = await upload(ctx, csv);
    const mapping = { externalId: 0, displayName: 1, emails: 2, lifecycleStage: 3 };
    await startImportCheck(ctx, uploaded.id, mapping);
    await runCustomerImport(ctx, uploaded.id, "check");
    const checked = await getCustomerImport(ctx, uploaded.id);
    expect(counts(checked)).toEqual({ total: 8, processed: 8, created: 2, updated: 0, unchanged: 0, failed: 6 });
    expect(checked.errors).toEqual([
      { row: 3, column: "name", message: "name is required" },
      { row: 4, column: "email", message: "must be a valid email address" },
      { row: 5, column: "stage", message: "must be one of PROSPECT, CUSTOMER, LOYAL, ADVOCATE" },
      { row: 6, column: "email", message: "good1@example.test is already on row 2" },
      { row: 7, column: "id", message: 'taken@example.test belongs to the customer with external id "T-1"' },
      { row: 8, column: null, message: "the row has 2 columns, the header has 4" },
    ]);
    // The dry run wrote no customer.
    expect(await unsafeCrossTenantDb().customer.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
    expect(await refusal(startImportRun(ctx, uploaded.id, false))).toBe("the check found 6 broken rows: fix the file, or accept that they are skipped");

    await startImportRun(ctx, uploaded.id, true);
    await runCustomerImport(ctx, uploaded.id, "import");
    const imported = await getCustomerImport(ctx, uploaded.id);
    expect(counts(imported)).toEqual({ total: 8, processed: 8, created: 2, updated: 0, unchanged: 0, failed: 6 });
    expect((await customers(ctx)).map((c) => [c.displayName, c.lifecycleStage])).toEqual([
      ["Good One", "CUSTOMER"],
      ["Good Two", "ADVOCATE"],
      ["Taken", "CUSTOMER"],
    ]);
  });

  it("refuses a file in another encoding or malformed, with the place, and imports nothing of it", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const latin1 = Uint8Array.from([...utf8("name,email\nJos"), 0xe9, ...utf8(",jose@example.test\n")]);
    expect(await refusal(upload(ctx, latin1))).toBe(
      'The file is not UTF-8: byte 0xE9 on line 2 is not valid UTF-8 (Latin-1 or Windows-1252?). Save it as "CSV UTF-8" and upload it again.',
    );
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Array.from(Buffer.from("name,email\n", "utf16le"))]);
    expect(await refusal(upload(ctx, utf16))).toMatch(/^The file is encoded as UTF-16/);
    expect(await refusal(upload(ctx, ""))).toBe("The file is empty.");
    expect(await refusal(upload(ctx, "name,name\nA,B\n"))).toBe('The header "name" appears twice.');

    // An unclosed quote past the header: the whole file is parsed at upload, so it is refused there.
    expect(await refusal(upload(ctx, 'name,email\nAnn,ann@example.test\n"Bob,bob@example.test\n'))).toBe(
      "The file is not valid CSV (line 3): a quoted field is never closed.",
    );
    expect(await unsafeCrossTenantDb().customerImport.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
    expect(await unsafeCrossTenantDb().customer.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });

  it("refuses a mapping without name or email, and a viewer", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const uploaded = await upload(ctx, "a,b\n1,2\n");
    expect(uploaded.mapping).toEqual({});
    expect(await refusal(startImportCheck(ctx, uploaded.id, { displayName: 0 }))).toBe("choose the column for: emails");
    expect(await refusal(startImportCheck(ctx, uploaded.id, { displayName: 0, emails: 0 }))).toBe("each column can fill one field only");
    expect(await refusal(startImportCheck(ctx, uploaded.id, { displayName: 0, emails: 5 }))).toBe("the file has no column 6");
    const viewer = { ...ctx, role: "VIEWER" as const };
    expect(await refusal(upload(viewer, "a,b\n"))).toBe("your role (viewer) cannot customers write");
  });

  it("resumes a crashed real run after its last committed batch, without duplicates", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const rows = Array.from({ length: 4_500 }, (_, i) => `R-${i},Person ${i},p${i}@example.test`);
    const uploaded = await upload(ctx, ["id,name,email", ...rows].join("\n"));
    await startImportCheck(ctx, uploaded.id, uploaded.mapping);
    await runCustomerImport(ctx, uploaded.id, "check");
    await startImportRun(ctx, uploaded.id, false);
    const db = unsafeCrossTenantDb();
    // A real failure in Postgres half-way: the second batch (rows 2,002 to 4,001) cannot insert Person 3000.
    await db.$executeRawUnsafe(`CREATE FUNCTION import_test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated crash'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER import_test_crash BEFORE INSERT ON "Customer" FOR EACH ROW
      WHEN (NEW."displayName" = 'Person 3000') EXECUTE FUNCTION import_test_crash()`);
    try {
      await expect(runCustomerImport(ctx, uploaded.id, "import")).rejects.toThrow(/simulated crash/);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER import_test_crash ON "Customer"`);
      await db.$executeRawUnsafe(`DROP FUNCTION import_test_crash()`);
    }
    // The first batch and its counts committed together; the failed batch left nothing.
    const crashed = await getCustomerImport(ctx, uploaded.id);
    expect([crashed.status, crashed.processed, crashed.created]).toEqual(["IMPORTING", 2_000, 2_000]);
    expect(await db.customer.count({ where: { tenantId: ctx.tenantId } })).toBe(2_000);

    // The job's retry resumes after row 2,001.
    await runCustomerImport(ctx, uploaded.id, "import");
    const done = await getCustomerImport(ctx, uploaded.id);
    expect(done.status).toBe("IMPORTED");
    expect(counts(done)).toEqual({ total: 4_500, processed: 4_500, created: 4_500, updated: 0, unchanged: 0, failed: 0 });
    expect(await db.customer.count({ where: { tenantId: ctx.tenantId } })).toBe(4_500);
    expect(await db.customerEmail.count({ where: { tenantId: ctx.tenantId } })).toBe(4_500);
  });

  it("a run that fails for good says so on the import (never 'Importing…' for ever), and the same file again imports the rest", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const rows = Array.from({ length: 2_500 }, (_, i) => `S-${i},Stop ${i},s${i}@example.test`);
    const csv = ["id,name,email", ...rows].join("\n");
    const uploaded = await upload(ctx, csv);
    await startImportCheck(ctx, uploaded.id, uploaded.mapping);
    await runCustomerImport(ctx, uploaded.id, "check");
    await startImportRun(ctx, uploaded.id, false);
    const db = unsafeCrossTenantDb();
    await db.$executeRawUnsafe(`CREATE FUNCTION import_test_stop() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated lasting failure'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER import_test_stop BEFORE INSERT ON "Customer" FOR EACH ROW
      WHEN (NEW."displayName" = 'Stop 2100') EXECUTE FUNCTION import_test_stop()`);
    const payload = { tenantId: ctx.tenantId, importId: uploaded.id, mode: "import" as const };
    const attempt = (made: number) => ({ attemptsMade: made, opts: { attempts: 3 } }) as unknown as Job;
    try {
      // Attempts left: the import stays running for the retry.
      await expect(customerImportHandler(payload, attempt(0))).rejects.toThrow(/simulated lasting failure/);
      expect((await getCustomerImport(ctx, uploaded.id)).status).toBe("IMPORTING");
      // The last attempt: marked stopped, with what to do, and no internals.
      await expect(customerImportHandler(payload, attempt(2))).rejects.toThrow(/simulated lasting failure/);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER import_test_stop ON "Customer"`);
      await db.$executeRawUnsafe(`DROP FUNCTION import_test_stop()`);
    }
    const stopped = await getCustomerImport(ctx, uploaded.id);
    expect(stopped.status).toBe("FAILED");
    expect(stopped.fileError).toContain("The rows before it are imported. Upload the same file again to import the rest");
    expect(stopped.fileError).not.toContain("simulated");
    expect(await db.customer.count({ where: { tenantId: ctx.tenantId } })).toBe(2_000);

    const { imported } = await checkAndImport(ctx, csv);
    expect(counts(imported)).toEqual({ total: 2_500, processed: 2_500, created: 500, updated: 0, unchanged: 2_000, failed: 0 });
    expect(await db.customer.count({ where: { tenantId: ctx.tenantId } })).toBe(2_500);
  });
});
