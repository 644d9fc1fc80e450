import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { downloadCsv } from "./support/csv-download";
import { withClient } from "./support/db";
import { expectNoHorizontalScroll } from "./support/layout";
import { E2E_REDIS_URL } from "./support/queues";
import { signUp } from "./support/session";

/**
 * Issue 13 item 5 on a phone and a desktop: the owner uploads a customer CSV (a BOM, a quoted
 * newline, a hostile name, one broken row), sees the dry run's counts and the broken row with its
 * row and column, is refused the real run until accepting the skip, runs it (the worker's handler,
 * played by run-import-job.ts), sees the counts, and finds exactly those customers in the
 * database; then downloads the customers CSV and compares it with the database.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 780 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];
const HOSTILE = `<img src=x onerror="window.__pwned=1"> 🧾 نقطة`;
const run = promisify(execFile);

async function runImportJob(tenantId: string, importId: string, mode: "check" | "import") {
  const env = {
    ...process.env,
    NODE_ENV: "test" as const,
    LOG_LEVEL: "warn",
    DATABASE_URL: E2E_DATABASE_URL,
    REDIS_URL: E2E_REDIS_URL,
    NEXTAUTH_SECRET: "e2e-only-nextauth-secret-0123456789abcdef",
    ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  };
  await run("npx", ["tsx", "tests/e2e/support/run-import-job.ts", tenantId, importId, mode], { env, timeout: 60_000 });
}

const customersOf = (slug: string) =>
  withClient(
    async (c) =>
      (
        await c.query<{
          id: string;
          externalId: string | null;
          displayName: string;
          emails: string;
          phone: string | null;
          stage: string;
          notes: string | null;
        }>(
          `SELECT cu.id, cu."externalId", cu."displayName", cu.phone, cu."lifecycleStage"::text AS stage, cu.notes,
                  (SELECT string_agg(e.email, ' ' ORDER BY e."isPrimary" DESC, e.email) FROM "CustomerEmail" e WHERE e."tenantId" = cu."tenantId" AND e."customerId" = cu.id) AS emails
           FROM "Customer" cu JOIN "Tenant" t ON t.id = cu."tenantId" WHERE t.slug = $1 ORDER BY cu."externalId"`,
          [slug],
        )
      ).rows,
  );

for (const { name, size } of VIEWPORTS) {
  test.describe(`customer CSV import on a ${name}`, () => {
    test.use({ viewport: size });

    test("upload, dry run with the broken row, import with consent, counts, database and export agree", async ({ page }) => {
      test.setTimeout(180_000); // sign-up, two stand-in worker processes and a download on a shared 2-core machine
      const account = await signUp(page, "Import");
      const tenantId = await withClient(async (c) => (await c.query<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = $1`, [account.slug])).rows[0]!.id);
      await page.goto(`/t/${account.slug}/customers`);
      await page.getByRole("link", { name: "Import CSV" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Import customers" })).toBeVisible();

      const csv = [
        "Customer ID,Name,Email,Phone,Stage,Notes",
        `C-1,"${HOSTILE.replaceAll('"', '""')}",hostile@import.test,+44 20 7946 0000,loyal,`,
        "C-2,Broken Row,not-an-email,,,",
        'C-3,"Quoted, Name",quoted@import.test;second@import.test,,,"first line',
        'second line"',
        // The quoted newline is kept as the file has it (CRLF here).
        "C-4,Plain Person,plain@import.test,,ADVOCATE,",
      ].join("\r\n");
      await page.getByLabel("CSV file").setInputFiles({ name: "shop-export.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}\r\n`, "utf8") });
      await page.getByRole("button", { name: "Upload" }).click();
      await expect(page).toHaveURL(/\/customers\/import\/imp_[0-9a-f]{32}$/);
      const importId = page.url().split("/").at(-1)!;
      await expect(page.getByRole("heading", { level: 1, name: "Import shop-export.csv" })).toBeVisible();

      // The mapping was guessed from the headers; the check runs in the worker.
      const mapping = page.getByRole("form", { name: "Map columns" });
      await expect(mapping.getByLabel("External id")).toHaveValue("0");
      await expect(mapping.getByLabel("Emails")).toHaveValue("2");
      await mapping.getByRole("button", { name: "Check the file (dry run)" }).click();
      await expect(page.getByTestId("import-status")).toHaveText("Checking…");
      await runImportJob(tenantId, importId, "check");
      await expect(page.getByTestId("import-status")).toHaveText("Checked");
      await expect(page.getByTestId("import-total")).toHaveText("4");
      await expect(page.getByTestId("import-created")).toHaveText("3");
      await expect(page.getByTestId("import-failed")).toHaveText("1");
      const broken = page.getByRole("table", { name: "Broken rows" }).getByRole("row");
      await expect(broken).toHaveCount(2);
      await expect(broken.nth(1)).toHaveText(/3\s*Email\s*must be a valid email address/);
      expect(await customersOf(account.slug)).toEqual([]);

      // Not without consent to skip the broken row.
      const runForm = page.getByRole("form", { name: "Run the import" });
      await runForm.getByRole("button", { name: "Import customers" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "the check found 1 broken row: fix the file, or accept that they are skipped" })).toBeVisible();
      expect(await customersOf(account.slug)).toEqual([]);
      await runForm.getByRole("checkbox", { name: "Skip the 1 broken row listed below" }).check();
      await runForm.getByRole("button", { name: "Import customers" }).click();
      await expect(page.getByTestId("import-status")).toHaveText("Importing…");
      await runImportJob(tenantId, importId, "import");
      await expect(page.getByTestId("import-status")).toHaveText("Imported");
      await expect(page.getByTestId("import-created")).toHaveText("3");
      await expect(page.getByTestId("import-failed")).toHaveText("1");
      await expect(page.getByTestId("import-unchanged")).toHaveText("0");
      await expectNoHorizontalScroll(page);

      const stored = await customersOf(account.slug);
      expect(stored.map(({ id: _id, ...c }) => c)).toEqual([
        { externalId: "C-1", displayName: HOSTILE, emails: "hostile@import.test", phone: "+44 20 7946 0000", stage: "LOYAL", notes: null },
        {
          externalId: "C-3",
          displayName: "Quoted, Name",
          emails: "quoted@import.test second@import.test",
          phone: null,
          stage: "CUSTOMER",
          notes: "first line\r\nsecond line",
        },
        { externalId: "C-4", displayName: "Plain Person", emails: "plain@import.test", phone: null, stage: "ADVOCATE", notes: null },
      ]);

      // The hostile name is text on the customers list, never markup; the export matches the database.
      await page.getByRole("link", { name: "See the customers" }).click();
      // (a table on a desktop, cards on a phone)
      await expect(page.getByRole(name === "phone" ? "list" : "table", { name: "Customers" })).toContainText(HOSTILE);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      const rows = await downloadCsv(page, page.getByRole("link", { name: "Export CSV" }));
      expect(rows[0]!.slice(0, 6)).toEqual(["External id", "Name", "Emails", "Phone", "Stage", "Notes"]);
      const exported = rows
        .slice(1)
        .map((r) => ({ id: r[8], externalId: r[0], displayName: r[1], emails: r[2], phone: r[3], stage: r[4], notes: r[5] || null }))
        .sort((a, b) => a.externalId!.localeCompare(b.externalId!));
      // A phone starting with + is escaped for spreadsheets (a leading ').
      expect(exported).toEqual(stored.map((c) => ({ ...c, phone: c.phone === null ? "" : `'${c.phone}` })));
    });
  });
}
