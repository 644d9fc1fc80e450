import { expect, test, type Page } from "@playwright/test";
import { downloadCsv } from "./support/csv-download";
import { withClient } from "./support/db";
import { grantPoints } from "./support/portal";
import { tenantIdOf } from "./support/queues";
import { signUp } from "./support/session";

// Ledger → Entries and Liability: what the screens show is checked against the database, the
// filter narrows both, and the CSV export downloads the same rows with formulas escaped.
// Hostile names (5,000 characters, RTL, emoji) must not widen the page. Desktop and a 360 px phone.

const HUGE = `${"Ω".repeat(2_500)}${"w".repeat(2_500)}`;
const RTL = "متجر القهوة الجميل 🎉☕";

async function addCustomer(tenantId: string, displayName: string): Promise<string> {
  return withClient(async (c) => {
    const row = await c.query<{ id: string }>(`INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt") VALUES ($1, $2, now()) RETURNING id`, [
      tenantId,
      displayName,
    ]);
    return row.rows[0]!.id;
  });
}

/** A negative adjustment as adjust-points.ts writes it (grantPoints' upsert cannot start below zero). */
async function takePoints(tenantId: string, customerId: string, amount: number, note: string): Promise<void> {
  await withClient(async (c) => {
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO "LedgerEntry" ("tenantId","customerId",amount,source,"idempotencyKey",explanation)
       VALUES ($1, $2, $3::int, 'ADJUSTMENT', 'adjustment:' || gen_random_uuid(), jsonb_build_object('formula', $3::int::text || ' set by staff', 'note', $4::text))`,
      [tenantId, customerId, -amount, note],
    );
    await c.query(`UPDATE "PointBalance" SET balance = balance - $3, "updatedAt" = now() WHERE "tenantId" = $1 AND "customerId" = $2`, [
      tenantId,
      customerId,
      amount,
    ]);
    await c.query("COMMIT");
  });
}

interface EntryRow {
  id: string;
  amount: number;
  source: string;
  customerId: string;
}
const entriesOf = (tenantId: string, source?: string) =>
  withClient(
    async (c) =>
      (
        await c.query<EntryRow>(
          `SELECT id, amount, source::text AS source, "customerId" FROM "LedgerEntry" WHERE "tenantId" = $1 AND ($2::text IS NULL OR source::text = $2) ORDER BY id DESC`,
          [tenantId, source ?? null],
        )
      ).rows,
  );
const heldBy = (tenantId: string) =>
  withClient(async (c) =>
    Number((await c.query<{ n: string }>(`SELECT COALESCE(SUM(balance), 0) AS n FROM "PointBalance" WHERE "tenantId" = $1`, [tenantId])).rows[0]!.n),
  );

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const shownPoints = (n: number) => `${n > 0 ? "+" : "−"}${Math.abs(n).toLocaleString("en-US")}`;

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 360, height: 740 } },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("the ledger lists every entry in words, filters, sums the liability and exports the CSV", async ({ page }) => {
      const account = await signUp(page, "Ledger");
      const tenantId = await tenantIdOf(account.slug);
      const huge = await addCustomer(tenantId, HUGE);
      const rtl = await addCustomer(tenantId, RTL);
      const plotter = await addCustomer(tenantId, '=HYPERLINK("http://evil.test","win")');
      await grantPoints(account.slug, huge, 120, "welcome gift");
      await grantPoints(account.slug, rtl, 45, "شكرا لك");
      await grantPoints(account.slug, plotter, 30, "@SUM(1+1)");
      await takePoints(tenantId, rtl, 15, "typo in the first grant");

      // Entries: the nav leads there; the cards are the database's entries, newest first.
      await page.goto(`/t/${account.slug}`);
      if (viewport.name === "phone") await page.getByRole("button", { name: "Open navigation" }).click();
      await page.getByRole("link", { name: "Ledger", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Ledger" })).toBeVisible();
      const all = await entriesOf(tenantId);
      expect(all).toHaveLength(4);
      const cards = page.getByRole("list", { name: "Ledger entries" }).getByRole("listitem");
      await expect(cards).toHaveCount(all.length);
      for (const [i, entry] of all.entries()) {
        await expect(cards.nth(i)).toHaveAttribute("data-entry-id", entry.id);
        await expect(cards.nth(i).getByTestId("entry-points")).toHaveText(shownPoints(entry.amount));
      }
      await expect(cards.first().getByTestId("entry-summary")).toHaveText("−15 points manual adjustment: typo in the first grant");
      await expect(cards.filter({ hasText: RTL }).first()).toBeVisible();
      await expectNoHorizontalScroll(page);

      // Filter by customer: only that customer's entries remain.
      await page.getByLabel("Customer id").fill(rtl);
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(new RegExp(`customerId=${rtl}`));
      const rtlEntries = all.filter((e) => e.customerId === rtl);
      await expect(cards).toHaveCount(rtlEntries.length);
      for (const [i, entry] of rtlEntries.entries()) await expect(cards.nth(i)).toHaveAttribute("data-entry-id", entry.id);

      // The export of the filtered list: the same rows, a formula never left live.
      const rtlCsv = await downloadCsv(page, page.getByRole("link", { name: "Export CSV" }));
      expect(rtlCsv.slice(1).map((r) => r[0])).toEqual(rtlEntries.map((e) => e.id));

      await page.goto(`/t/${account.slug}/ledger`);
      const everything = await downloadCsv(page, page.getByRole("link", { name: "Export CSV" }));
      expect(everything[0]!.slice(0, 4)).toEqual(["Entry", "Date (UTC)", "Kind", "Points"]);
      expect(everything.slice(1).map((r) => [r[0], Number(r[3]), r[5]])).toEqual(all.map((e) => [e.id, e.amount, e.customerId]));
      const plotterRow = everything.find((r) => r[5] === plotter)!;
      expect(plotterRow[6]).toBe(`'=HYPERLINK("http://evil.test","win")`);
      expect(plotterRow[4]).toBe("'+30 points manual adjustment: @SUM(1+1)");
      expect(everything.find((r) => r[5] === huge)![6]).toBe(HUGE);

      // Liability: the figures are the database's.
      await page.getByRole("navigation", { name: "Ledger views" }).getByRole("link", { name: "Liability" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Liability" })).toBeVisible();
      const held = await heldBy(tenantId);
      expect(held).toBe(180);
      await expect(page.getByTestId("total-outstanding")).toHaveText(held.toLocaleString("en-US"));
      await expect(page.getByTestId("total-earned")).toHaveText("195");
      await expect(page.getByTestId("total-redeemed")).toHaveText("0");
      await expect(page.getByTestId("total-opening")).toHaveText("0");
      const today = new Date().toISOString().slice(0, 10);
      const todayRow = page.getByRole("region", { name: "Liability per day" }).getByRole("row").filter({ hasText: today });
      await expect(todayRow).toContainText("180");
      await expect(page.getByRole("region", { name: "Points per rule" }).getByRole("row", { name: /No rule/ })).toContainText("180");
      await expectNoHorizontalScroll(page);

      const daily = await downloadCsv(page, page.getByRole("link", { name: "Export CSV" }).first());
      expect(daily[0]).toEqual(["Day (UTC)", "Earned", "Redeemed", "Expired", "Reversed", "Other", "Net", "Outstanding"]);
      expect(daily.find((r) => r[0] === today)).toEqual([today, "195", "0", "0", "0", "15", "180", "180"]);
      expect(daily).toHaveLength(31);
    });
  });
}
