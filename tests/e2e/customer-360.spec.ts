import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { describeEntry } from "../../src/server/modules/ledger/ledger-explanation";
import type { LedgerSource } from "../../src/server/db/generated/enums";
import { tenantIdOf } from "./support/queues";
import { signUp } from "./support/session";

// Issue 12 items 5 and 6: an owner opens a real customer's 360 (linked accounts, balances, the
// ledger in words) and checks it against the database, posts a manual adjustment and sees the new
// balance and ledger line; a 5,000-character name and a 280-character handle widen neither the
// 360 nor the customers list. Desktop and a 360 px phone.

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const EXPLANATION = {
  rule: { id: "rule_e2e", name: "Brand mention", network: "TWITTER", action: "MENTION", basePoints: 10 },
  followers: 2140,
  formula: "10 × 3 influence = 30",
};

/** A customer as the pipeline leaves one: X and Foursquare linked, a paid mention, its balance. */
async function seedCustomer(tenantId: string, name: string, handle: string): Promise<string> {
  const [customer] = await sql<{ id: string }>(`INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt") VALUES ($1, $2, now()) RETURNING id`, [
    tenantId,
    name,
  ]);
  const id = customer!.id;
  const suffix = id.slice(-12);
  await sql(`INSERT INTO "CustomerEmail" ("tenantId", "customerId", email, "isPrimary") VALUES ($1, $2, $3, true)`, [tenantId, id, `c-${suffix}@e2e.test`]);
  const [x] = await sql<{ id: string }>(
    `INSERT INTO "SocialProfile" ("tenantId", "customerId", network, "externalUserId", handle, "followersCount", "linkedAt", "updatedAt")
     VALUES ($1, $2, 'TWITTER', $3, $4, 2140, now(), now()) RETURNING id`,
    [tenantId, id, `x-${suffix}`, handle],
  );
  await sql(
    `INSERT INTO "SocialProfile" ("tenantId", "customerId", network, "externalUserId", handle, "linkedAt", "checkinSyncStatus", "updatedAt")
     VALUES ($1, $2, 'FOURSQUARE', $3, $4, now(), 'OK', now())`,
    [tenantId, id, `f-${suffix}`, `${handle.slice(0, 20)}_4sq`],
  );
  const [mention] = await sql<{ id: string }>(
    `INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "socialProfileId", "authorExternalId", "authorHandle", "authorFollowers", text, url, "postedAt", status, "updatedAt")
     VALUES ($1, 'TWITTER', $2, $3, $4, $5, $6, 2140, 'Loving the new menu 🍕', 'https://x.com/fan/status/1', now() - interval '1 hour', 'CREDITED', now()) RETURNING id`,
    [tenantId, `19${Date.now()}${suffix.replace(/\D/g, "").slice(0, 4)}`, id, x!.id, `x-${suffix}`, handle],
  );
  await sql(
    `INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "mentionId", explanation, "createdAt")
     VALUES ($1, $2, 30, 'MENTION', $3, $4, $5::jsonb, now() - interval '1 hour')`,
    [tenantId, id, `mention:e2e:${mention!.id}`, mention!.id, JSON.stringify(EXPLANATION)],
  );
  await sql(`INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned") VALUES ($1, $2, 30, 30)`, [tenantId, id]);
  return id;
}

const balanceOf = async (tenantId: string, customerId: string) =>
  (
    await sql<{ balance: number; lifetimeEarned: number }>(`SELECT balance, "lifetimeEarned" FROM "PointBalance" WHERE "tenantId" = $1 AND "customerId" = $2`, [
      tenantId,
      customerId,
    ])
  )[0]!;

const ledgerOf = (tenantId: string, customerId: string) =>
  sql<{ id: string; amount: number; source: LedgerSource; explanation: typeof EXPLANATION & { note?: string } }>(
    `SELECT id, amount, source::text AS source, explanation FROM "LedgerEntry" WHERE "tenantId" = $1 AND "customerId" = $2 ORDER BY "createdAt" DESC, id DESC`,
    [tenantId, customerId],
  );

const n = (value: number) => value.toLocaleString("en-US");

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

    test("an owner reads a linked customer's 360 against the database and adjusts their points", async ({ page }) => {
      const account = await signUp(page, "C360");
      const tenantId = await tenantIdOf(account.slug);
      const customerId = await seedCustomer(tenantId, "Linda Linked", "lindafan");
      await page.goto(`/t/${account.slug}/customers/${customerId}`);
      await expect(page.getByRole("heading", { level: 1, name: "Linda Linked" })).toBeVisible();

      // Linked accounts: exactly the live profiles the database holds (the old page said "No linked accounts").
      const profiles = await sql<{ handle: string }>(`SELECT handle FROM "SocialProfile" WHERE "tenantId" = $1 AND "customerId" = $2 AND status <> 'REVOKED'`, [
        tenantId,
        customerId,
      ]);
      await expect(page.getByTestId("no-linked-accounts")).toHaveCount(0);
      await expect(page.getByTestId("linked-account")).toHaveCount(profiles.length);
      expect((await page.getByTestId("linked-account-handle").allTextContents()).map((t) => t.trim()).sort()).toEqual(
        profiles.map((p) => `@${p.handle}`).sort(),
      );
      await expect(page.getByTestId("checkin-sync")).toContainText("up to date");

      // Balances and the ledger, in the words the stored explanation gives.
      const before = await balanceOf(tenantId, customerId);
      await expect(page.getByTestId("points-balance")).toHaveText(n(before.balance));
      await expect(page.getByTestId("points-lifetime")).toHaveText(n(before.lifetimeEarned));
      await expect(page.getByTestId("points-pending")).toHaveText("0");
      const entries = await ledgerOf(tenantId, customerId);
      await expect(page.getByTestId("ledger-line")).toHaveCount(entries.length);
      const award = page.getByTestId("ledger-line").first();
      await expect(award.getByTestId("ledger-summary")).toHaveText(describeEntry(entries[0]!));
      await expect(award.getByTestId("ledger-mention")).toContainText("Loving the new menu 🍕");
      await expect(page.getByTestId("mention-line")).toHaveCount(1);

      // A manual adjustment: posted once, shown as the new balance and the newest ledger line.
      await page.getByText("Adjust points…").click();
      const form = page.getByRole("form", { name: "Adjust points" });
      await form.getByLabel("Points").fill("15");
      await form.getByLabel("Reason").fill("Goodwill after a late delivery");
      await form.getByRole("button", { name: "Post adjustment" }).click();
      await expect(form.getByRole("status")).toHaveText("+15 points posted. Balance now 45 points.");
      await expect(page.getByTestId("points-balance")).toHaveText("45");
      const after = await balanceOf(tenantId, customerId);
      expect(after).toEqual({ balance: 45, lifetimeEarned: 45 });
      const newest = (await ledgerOf(tenantId, customerId))[0]!;
      expect(newest).toMatchObject({ amount: 15, source: "ADJUSTMENT", explanation: expect.objectContaining({ note: "Goodwill after a late delivery" }) });
      await expect(page.getByTestId("ledger-line")).toHaveCount(entries.length + 1);
      await expect(page.getByTestId("ledger-line").first().getByTestId("ledger-summary")).toHaveText(describeEntry(newest));
      const audit = await sql<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "tenantId" = $1 AND "targetId" = $2 AND action = 'ledger.adjusted'`, [
        tenantId,
        customerId,
      ]);
      expect(audit).toHaveLength(1);
      await expect(page.getByTestId("audit-line").filter({ hasText: "ledger.adjusted" })).toHaveCount(1);

      // Removing more than the balance holds is refused with the reason; nothing is posted.
      await form.getByLabel("Points").fill("-500");
      await form.getByLabel("Reason").fill("Too much");
      await form.getByRole("button", { name: "Post adjustment" }).click();
      await expect(page.getByRole("form", { name: "Adjust points" }).getByRole("alert")).toContainText("cannot remove 500 points");
      expect(await balanceOf(tenantId, customerId)).toEqual({ balance: 45, lifetimeEarned: 45 });
      await expectNoHorizontalScroll(page);

      // The list shows the same figures.
      await page.goto(`/t/${account.slug}/customers?sort=points`);
      const row =
        viewport.name === "phone" ? page.getByTestId("customer-card").first() : page.getByRole("table", { name: "Customers" }).getByRole("row").nth(1);
      await expect(row).toContainText("Linda Linked");
      await expect(row).toContainText("45");
      await expectNoHorizontalScroll(page);
    });

    test("a 5,000-character name and a 280-character handle widen neither the 360 nor the list", async ({ page }) => {
      const account = await signUp(page, "C360 long");
      const tenantId = await tenantIdOf(account.slug);
      const name = `${"W".repeat(2_500)}${"م".repeat(2_499)}🎉`;
      const handle = "h".repeat(280);
      const customerId = await seedCustomer(tenantId, name, handle);
      await page.goto(`/t/${account.slug}/customers/${customerId}`);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("WWWW");
      await expect(page.getByTestId("linked-account")).toHaveCount(2);
      await expectNoHorizontalScroll(page);
      await page.goto(`/t/${account.slug}/customers`);
      await expect(page.getByRole("link", { name: /^WWWW/ }).first()).toBeVisible();
      await expectNoHorizontalScroll(page);
    });
  });
}
