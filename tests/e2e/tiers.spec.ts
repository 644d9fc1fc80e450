import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { createMember } from "./support/db";
import { tenantIdOf } from "./support/queues";
import { signIn, signUp } from "./support/session";

// Settings → Tiers: the period and the ladder (create, edit, delete), with field errors on the
// inputs, each step checked against the database; a viewer reads it only. Desktop and a 360 px phone.

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const tiersOf = (tenantId: string) =>
  sql<{ name: string; threshold: number }>(`SELECT name, threshold FROM "Tier" WHERE "tenantId" = $1 ORDER BY threshold`, [tenantId]);
const periodOf = async (tenantId: string) => (await sql<{ m: number }>(`SELECT "tierPeriodMonths" AS m FROM "Tenant" WHERE id = $1`, [tenantId]))[0]!.m;

async function openScreen(page: Page, slug: string) {
  await page.goto(`/t/${slug}/settings`);
  await page.getByRole("link", { name: "Tiers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tiers" })).toBeVisible();
}

/** Nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 360, height: 740 } },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("an owner sets the period and builds the ladder; bad input is refused on its field", async ({ page }) => {
      const account = await signUp(page, "Tiers");
      const tenantId = await tenantIdOf(account.slug);
      await openScreen(page, account.slug);
      await expect(page.getByTestId("no-tiers")).toBeVisible();

      // Period: out of range refused with the reason, then saved.
      const months = page.getByLabel("Count points earned in the last");
      await expect(months).toHaveValue("12");
      await months.fill("48");
      await page.getByRole("button", { name: "Save period" }).click();
      await expect(page.getByText("1 to 36 months")).toBeVisible();
      expect(await periodOf(tenantId)).toBe(12);
      await page.getByLabel("Count points earned in the last").fill("6");
      await page.getByRole("button", { name: "Save period" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Tiers now count points earned in the last 6 months." })).toBeVisible();
      expect(await periodOf(tenantId)).toBe(6);

      // New tiers: a missing threshold is refused on its input; then Gold and Silver.
      const create = page.getByRole("form", { name: "New tier" });
      await create.getByLabel("Name").fill("Gold");
      await create.getByRole("button", { name: "Add tier" }).click();
      await expect(page.getByRole("form", { name: "New tier" }).getByText("enter a whole number of points")).toBeVisible();
      await expect(page.getByRole("form", { name: "New tier" }).getByLabel("Name")).toHaveValue("Gold");
      expect(await tiersOf(tenantId)).toEqual([]);
      await page.getByRole("form", { name: "New tier" }).getByLabel("From points").fill("2000");
      await page.getByRole("form", { name: "New tier" }).getByRole("button", { name: "Add tier" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Gold created: from 2,000 points." })).toBeVisible();
      await page.getByRole("form", { name: "New tier" }).getByLabel("Name").fill("Silver");
      await page.getByRole("form", { name: "New tier" }).getByLabel("From points").fill("500");
      await page.getByRole("form", { name: "New tier" }).getByRole("button", { name: "Add tier" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Silver created: from 500 points." })).toBeVisible();
      expect(await tiersOf(tenantId)).toEqual([
        { name: "Silver", threshold: 500 },
        { name: "Gold", threshold: 2000 },
      ]);
      // Lowest first on the screen too.
      await expect(page.getByTestId("tier-row")).toHaveCount(2);
      await expect(page.getByTestId("tier-row").first().getByLabel("Name")).toHaveValue("Silver");

      // A taken threshold is refused on that input; nothing changes.
      const gold = page.getByRole("form", { name: "Edit tier Gold" });
      await gold.getByLabel("From points").fill("500");
      await gold.getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("form", { name: "Edit tier Gold" }).getByText(/another tier already starts at this threshold/)).toBeVisible();
      expect((await tiersOf(tenantId))[1]).toEqual({ name: "Gold", threshold: 2000 });
      await page.getByRole("form", { name: "Edit tier Gold" }).getByLabel("Name").fill("Platinum");
      await page.getByRole("form", { name: "Edit tier Gold" }).getByLabel("From points").fill("5000");
      await page.getByRole("form", { name: "Edit tier Gold" }).getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Platinum saved." })).toBeVisible();
      expect(await tiersOf(tenantId)).toEqual([
        { name: "Silver", threshold: 500 },
        { name: "Platinum", threshold: 5000 },
      ]);

      // Delete, behind a disclosure.
      await page.getByText("Delete Silver…").click();
      await page.getByRole("button", { name: "Delete Silver" }).click();
      await expect(page.getByTestId("tier-row")).toHaveCount(1);
      expect(await tiersOf(tenantId)).toEqual([{ name: "Platinum", threshold: 5000 }]);
      const audit = await sql<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "tenantId" = $1 AND action LIKE 'tier.%' ORDER BY "createdAt"`, [
        tenantId,
      ]);
      expect(audit.map((a) => a.action)).toEqual(["tier.period-changed", "tier.created", "tier.created", "tier.updated", "tier.deleted"]);
      await expectNoHorizontalScroll(page);
    });

    test("a viewer sees the tiers and the period but no form", async ({ page, browser }) => {
      const account = await signUp(page, "Tiers view");
      await openScreen(page, account.slug);
      await page.getByRole("form", { name: "New tier" }).getByLabel("Name").fill("Gold");
      await page.getByRole("form", { name: "New tier" }).getByLabel("From points").fill("2000");
      await page.getByRole("form", { name: "New tier" }).getByRole("button", { name: "Add tier" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Gold created" })).toBeVisible();

      const viewerEmail = await createMember(account.slug, "VIEWER");
      const viewer = await browser.newPage({ viewport: viewport.size });
      await signIn(viewer, viewerEmail);
      await viewer.waitForURL(`**/t/${account.slug}`);
      await viewer.goto(`/t/${account.slug}/settings/tiers`);
      await expect(viewer.getByText("only admins and the owner can change them")).toBeVisible();
      await expect(viewer.getByTestId("period-months")).toHaveText("12 months");
      await expect(viewer.getByTestId("tier-row")).toHaveText(/Gold\s*from 2,000 points/);
      await expect(viewer.getByRole("form")).toHaveCount(0);
      await expectNoHorizontalScroll(viewer);
      await viewer.close();
    });
  });
}
