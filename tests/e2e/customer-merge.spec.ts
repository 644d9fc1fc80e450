import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { tenantIdOf } from "./support/queues";
import { signUp } from "./support/session";

// Merging two customers from the 360 (search, preview checked against the database, confirm, the
// balances after, the old URL leading to the survivor), and the customers list's min followers /
// min points filters saved as a segment with the same members. Desktop and a 360 px phone.

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A customer with one linked X account of `followers` and `points` earned by an adjustment (ledger and balance agree). */
async function seedCustomer(tenantId: string, name: string, email: string, followers: number, points: number): Promise<string> {
  const [customer] = await sql<{ id: string }>(`INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt") VALUES ($1, $2, now()) RETURNING id`, [
    tenantId,
    name,
  ]);
  const id = customer!.id;
  await sql(`INSERT INTO "CustomerEmail" ("tenantId", "customerId", email, "isPrimary") VALUES ($1, $2, $3, true)`, [tenantId, id, email]);
  await sql(
    `INSERT INTO "SocialProfile" ("tenantId", "customerId", network, "externalUserId", handle, "followersCount", "linkedAt", "updatedAt")
     VALUES ($1, $2, 'TWITTER', $3, $4, $5, now(), now())`,
    [tenantId, id, `x-${id}`, `h${id.slice(-10)}`, followers],
  );
  if (points > 0) {
    await sql(
      `INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation) VALUES ($1, $2, $3, 'ADJUSTMENT', $4, $5::jsonb)`,
      [tenantId, id, points, `adjustment:e2e-${id}`, JSON.stringify({ formula: `+${points} set by staff`, note: "seed" })],
    );
    await sql(`INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned") VALUES ($1, $2, $3, $3)`, [tenantId, id, points]);
  }
  return id;
}

const balanceOf = async (tenantId: string, customerId: string) =>
  (await sql<{ balance: number }>(`SELECT balance FROM "PointBalance" WHERE "tenantId" = $1 AND "customerId" = $2`, [tenantId, customerId]))[0]?.balance ?? 0;

const countOf = async (table: string, tenantId: string, customerId: string) =>
  (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "tenantId" = $1 AND "customerId" = $2`, [tenantId, customerId]))[0]!.n;

const points = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "point" : "points"}`;

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 }, phone: false },
  { name: "phone", size: { width: 360, height: 740 }, phone: true },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("an owner merges a duplicate into the customer to keep: preview, balances and redirect agree with the database", async ({ page }) => {
      const account = await signUp(page, "Merge");
      const tenantId = await tenantIdOf(account.slug);
      const longName = `Sam Survivor ${"S".repeat(4_987)}`;
      const duplicate = await seedCustomer(tenantId, "Sam (old sign-up)", "sam.old@merge.test", 900, 70);
      const survivor = await seedCustomer(tenantId, longName, "sam@merge.test", 40, 25);

      await page.goto(`/t/${account.slug}/customers/${duplicate}`);
      await page.getByRole("link", { name: "Merge into another customer…" }).click();
      await expect(page).toHaveURL(new RegExp(`/customers/${duplicate}/merge$`));
      await page.getByRole("searchbox", { name: "Search customers to merge into" }).fill("sam@merge.test");
      await page.getByRole("searchbox", { name: "Search customers to merge into" }).press("Enter");
      const results = page.getByRole("list", { name: "Matching customers" }).getByRole("link");
      await expect(results).toHaveCount(1);
      await results.first().click();

      // The preview, against the database as it stands before the merge.
      const before = { dup: await balanceOf(tenantId, duplicate), kept: await balanceOf(tenantId, survivor) };
      await expect(page.getByTestId("merge-from-before")).toHaveText(points(before.dup));
      await expect(page.getByTestId("merge-from-after")).toHaveText(points(0));
      await expect(page.getByTestId("merge-into-before")).toHaveText(points(before.kept));
      await expect(page.getByTestId("merge-into-after")).toHaveText(points(before.dup + before.kept));
      await expect(page.getByTestId("moves-Emails")).toHaveText(String(await countOf("CustomerEmail", tenantId, duplicate)));
      await expect(page.getByTestId("moves-Linked social accounts")).toHaveText(String(await countOf("SocialProfile", tenantId, duplicate)));
      await expect(page.getByTestId("moves-Mentions")).toHaveText(String(await countOf("Mention", tenantId, duplicate)));
      await expectNoHorizontalScroll(page);

      await page.getByRole("button", { name: /^Merge into Sam Survivor/ }).click();
      // The merge, the redirect and the survivor's 360 in one round trip: slow on a shared CI machine.
      await expect(page).toHaveURL(new RegExp(`/customers/${survivor}\\?saved=merged`), { timeout: 30_000 });
      await expect(page.getByRole("status").filter({ hasText: "Customers merged" })).toContainText(`${before.dup} points`);

      // Balances after: the survivor holds both, the duplicate 0, by one MERGE pair.
      expect(await balanceOf(tenantId, survivor)).toBe(before.dup + before.kept);
      expect(await balanceOf(tenantId, duplicate)).toBe(0);
      await expect(page.getByTestId("points-balance")).toHaveText(String(before.dup + before.kept));
      const pair = await sql<{ customerId: string; amount: number }>(
        `SELECT "customerId", amount FROM "LedgerEntry" WHERE "tenantId" = $1 AND source = 'MERGE' ORDER BY amount`,
        [tenantId],
      );
      expect(pair).toEqual([
        { customerId: duplicate, amount: -before.dup },
        { customerId: survivor, amount: before.dup },
      ]);
      expect(await countOf("SocialProfile", tenantId, survivor)).toBe(2);
      await expect(page.getByTestId("linked-account")).toHaveCount(2);
      await expectNoHorizontalScroll(page);

      // The duplicate's old pages lead to the survivor; the list shows only the survivor.
      await page.goto(`/t/${account.slug}/customers/${duplicate}`);
      await expect(page).toHaveURL(new RegExp(`/customers/${survivor}$`));
      await page.goto(`/t/${account.slug}/customers/${duplicate}/edit`);
      await expect(page).toHaveURL(new RegExp(`/customers/${survivor}/edit$`));
      await page.goto(`/t/${account.slug}/customers?q=merge.test`);
      const listed = viewport.phone ? page.getByTestId("customer-card") : page.getByRole("table", { name: "Customers" }).locator("tbody tr");
      await expect(listed).toHaveCount(1);
    });

    test("the customers list filters by min followers and min points and saves them as a segment with the same members", async ({ page }) => {
      const account = await signUp(page, "Filters");
      const tenantId = await tenantIdOf(account.slug);
      await seedCustomer(tenantId, "Ada Loud", "ada@filters.test", 15_000, 300);
      await seedCustomer(tenantId, "Bo Quiet", "bo@filters.test", 200, 900);
      await seedCustomer(tenantId, "Cy Poor", "cy@filters.test", 20_000, 5);
      await seedCustomer(tenantId, "Di Both", "di@filters.test", 9_000, 120);

      await page.goto(`/t/${account.slug}/customers`);
      await page.getByLabel("Min followers").fill("5000");
      await page.getByLabel("Min points").fill("100");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/minFollowers=5000/);
      await expect(page).toHaveURL(/minPoints=100/);

      const expected = await sql<{ displayName: string }>(
        `SELECT c."displayName" FROM "Customer" c
         WHERE c."tenantId" = $1 AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL
           AND coalesce((SELECT max(sp."followersCount") FROM "SocialProfile" sp WHERE sp."tenantId" = c."tenantId" AND sp."customerId" = c.id AND sp.status <> 'REVOKED'), 0) >= 5000
           AND coalesce((SELECT pb.balance FROM "PointBalance" pb WHERE pb."tenantId" = c."tenantId" AND pb."customerId" = c.id), 0) >= 100
         ORDER BY 1`,
        [tenantId],
      );
      expect(expected.map((r) => r.displayName)).toEqual(["Ada Loud", "Di Both"]);
      const rows = viewport.phone ? page.getByTestId("customer-card") : page.getByRole("table", { name: "Customers" }).locator("tbody tr");
      await expect(rows).toHaveCount(expected.length);
      for (const { displayName } of expected) await expect(rows.filter({ hasText: displayName })).toHaveCount(1);
      await expectNoHorizontalScroll(page);

      await page.getByText("Save these filters as a segment…").click();
      await page.getByLabel("Segment name").fill("Loud with points");
      await page.getByRole("button", { name: "Save as segment" }).click();
      await expect(page).toHaveURL(/\/segments\/seg_[0-9a-f]+\?saved=created$/);
      const [segment] = await sql<{ filter: { minFollowers: number; minPoints: number } }>(`SELECT filter FROM "Segment" WHERE "tenantId" = $1 AND name = $2`, [
        tenantId,
        "Loud with points",
      ]);
      expect(segment!.filter).toMatchObject({ minFollowers: 5000, minPoints: 100 });
      const members = page.getByRole("table", { name: "Segment members" }).getByRole("link");
      await expect(members).toHaveCount(expected.length);
      expect((await members.allTextContents()).map((t) => t.trim()).sort()).toEqual(expected.map((r) => r.displayName));
      await expectNoHorizontalScroll(page);
    });
  });
}
