import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { E2E_REDIS_URL, tenantIdOf } from "./support/queues";
import { newEmailedToken } from "../../src/server/crypto/emailed-token";
import { pngBytes, SVG_WITH_SCRIPT } from "../integration/support/test-images";
import { signUp } from "./support/session";

const run = promisify(execFile);

async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The customer redeems (the portal's screens come later: a process plays the customer through the real domain function). */
async function redeemAsCustomer(tenantId: string, slug: string, customerId: string, rewardId: string, points: number) {
  const { stdout } = await run("npx", ["tsx", "tests/e2e/support/redeem-as-customer.ts", tenantId, slug, customerId, rewardId, String(points)], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      DATABASE_URL: E2E_DATABASE_URL,
      REDIS_URL: E2E_REDIS_URL,
      NEXTAUTH_SECRET: "e2e-only-nextauth-secret-0123456789abcdef",
      ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as { id: string; status: string; code: string | null };
}

const rewardOf = async (tenantId: string, name: string) =>
  (
    await query<{ id: string; stock: number | null; archivedAt: Date | null }>(
      `SELECT id, stock, "archivedAt" FROM "Reward" WHERE "tenantId" = $1 AND name = $2`,
      [tenantId, name],
    )
  )[0]!;

const POSTER_PNG = pngBytes(24, 16, [200, 40, 90]);

/**
 * The poster's picture: the key the database holds is the brand's own, /media serves the uploaded
 * bytes as PNG, and the staff list and the customer's portal show it with the reward's name as alt text.
 */
async function expectPicture(page: Page, tenantId: string, slug: string, customerId: string, rewardId: string) {
  const [row] = await query<{ imageKey: string | null }>(`SELECT "imageKey" FROM "Reward" WHERE id = $1`, [rewardId]);
  const key = row!.imageKey!;
  expect(key).toMatch(new RegExp(`^${tenantId}/reward/[0-9a-f]{32}\\.png$`));
  const media = await page.request.get(`/media/${key}`);
  expect(media.headers()["content-type"]).toBe("image/png");
  expect(Buffer.from(await media.body()).equals(Buffer.from(POSTER_PNG))).toBe(true);
  const catalogue = page.getByRole("table", { name: "Reward catalogue" });
  await expect(catalogue.getByRole("row").filter({ hasText: "Signed poster" }).getByRole("img", { name: "Signed poster" })).toHaveAttribute(
    "src",
    `/media/${key}`,
  );

  // The customer's portal (their session written as sign-in writes one; sign-in is walked in portal.spec.ts).
  const { token, tokenHash } = newEmailedToken();
  await query(
    `INSERT INTO "CustomerSession" ("tenantId", "customerId", "tokenHash", "createdAt", "lastSeenAt", "expiresAt") VALUES ($1, $2, $3, now(), now(), now() + interval '1 hour')`,
    [tenantId, customerId, tokenHash],
  );
  await page
    .context()
    .addCookies([{ name: "megaphone_portal", value: token, domain: new URL(page.url()).hostname, path: `/r/${slug}`, httpOnly: true, sameSite: "Lax" }]);
  await page.goto(`/r/${slug}/rewards`);
  const card = page.getByTestId("portal-reward").filter({ hasText: "Signed poster" });
  await expect(card.getByRole("img", { name: "Signed poster" })).toHaveAttribute("src", `/media/${key}`);
  // The browser decoded it: the picture is the uploaded one, not a broken image.
  await expect.poll(() => card.getByRole("img").evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(24);
}

async function journey(page: Page, origin: string, label: string) {
  const account = await signUp(page, label);
  const tenantId = await tenantIdOf(account.slug);
  const created = await page.request.post(`/api/v1/tenants/${account.slug}/customers`, {
    headers: { Origin: origin },
    data: { displayName: `${label} Reader`, emails: [`${label.toLowerCase()}-reader@rewards.test`] },
  });
  expect(created.status()).toBe(201);
  const customerId = ((await created.json()) as { id: string }).id;

  await page.goto(`/t/${account.slug}/rewards`);
  await expect(page.getByRole("heading", { name: "No rewards yet" })).toBeVisible();
  await page.getByRole("link", { name: "New reward" }).first().click();

  // Refused: each message on its field, what was typed kept.
  await page.getByLabel("Cost in points").fill("0");
  await page.getByRole("button", { name: "Create reward" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The reward was not saved" })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("name is required")).toBeVisible();
  await expect(page.getByLabel("Cost in points")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("costs at least 1 point")).toBeVisible();
  await expect(page.getByLabel("Cost in points")).toHaveValue("0");

  // A code-pool reward: created without stock, then its codes are uploaded.
  await page.getByLabel("Name").fill("Cinema voucher");
  await page.getByLabel("Cost in points").fill("150");
  await page.getByLabel("How it is delivered").selectOption({ label: "Code from an uploaded pool" });
  await page.getByRole("button", { name: "Create reward" }).click();
  await expect(page.getByRole("status").filter({ hasText: "It has no stock until you upload its codes below." })).toBeVisible();
  await page.getByLabel("Codes").fill("code\nCINE-1\nCINE-2\nCINE-1\n\nbad code\n");
  await page.getByRole("button", { name: "Add codes" }).click();
  await expect(page.getByTestId("upload-summary")).toHaveText(
    "Added 2 codes; 2 codes now unclaimed. Repeated in the upload (added once): CINE-1. Blank line skipped: 5. Refused: line 6 (only letters, digits and punctuation, no spaces).",
  );
  await page.getByLabel("CSV file").setInputFiles({ name: "codes.csv", mimeType: "text/csv", buffer: Buffer.from("CINE-3\r\nCINE-2\r\n") });
  // A textarea normalises line ends to \n; the CSV parser reads either.
  await expect(page.getByLabel("Codes")).toHaveValue("CINE-3\nCINE-2\n");
  await page.getByRole("button", { name: "Add codes" }).click();
  await expect(page.getByTestId("upload-summary")).toHaveText("Added 1 code; 3 codes now unclaimed. Already held by this brand, not added again: CINE-2.");
  const cinema = await rewardOf(tenantId, "Cinema voucher");
  expect(cinema.stock).toBe(3);
  expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM "RewardCode" WHERE "tenantId" = $1`, [tenantId]))[0]!.n).toBe(3);

  // A manual reward with stock, a per-customer limit and a picture. An SVG (with script) is refused, whatever it is called.
  await page.goto(`/t/${account.slug}/rewards/new`);
  await page.getByLabel("Name").fill("Signed poster");
  await page.getByLabel("Cost in points").fill("100");
  await page.getByLabel("Stock").fill("2");
  await page.getByLabel("Limit per customer").fill("1");
  const picture = page.getByLabel("Picture", { exact: true });
  await picture.setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: Buffer.from(SVG_WITH_SCRIPT) });
  await page.getByRole("button", { name: "Create reward" }).click();
  await expect(picture).toHaveAttribute("aria-invalid", "true");
  await expect(picture).toHaveAccessibleDescription(/use a PNG, JPEG or WebP image \(SVG and other files are not accepted\)/);
  expect(await query(`SELECT id FROM "Reward" WHERE "tenantId" = $1 AND name = 'Signed poster'`, [tenantId])).toEqual([]);
  await expect(page.getByLabel("Name")).toHaveValue("Signed poster");
  await picture.setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: Buffer.from(POSTER_PNG) });
  await page.getByRole("button", { name: "Create reward" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reward created." })).toBeVisible();
  const poster = await rewardOf(tenantId, "Signed poster");
  await expectPicture(page, tenantId, account.slug, customerId, poster.id);

  const posterRedemption = await redeemAsCustomer(tenantId, account.slug, customerId, poster.id, 100);
  const cinemaRedemption = await redeemAsCustomer(tenantId, account.slug, customerId, cinema.id, 150);
  expect(posterRedemption).toMatchObject({ status: "PENDING", code: null });
  expect(cinemaRedemption.status).toBe("FULFILLED");
  expect(["CINE-1", "CINE-2", "CINE-3"]).toContain(cinemaRedemption.code);

  await page.goto(`/t/${account.slug}/rewards`);
  const catalogue = page.getByRole("table", { name: "Reward catalogue" });
  await expect(catalogue.getByRole("row").filter({ hasText: "Signed poster" })).toContainText("1 left");
  await expect(catalogue.getByRole("row").filter({ hasText: "Signed poster" })).toContainText("1 pending");
  await expect(catalogue.getByRole("row").filter({ hasText: "Cinema voucher" })).toContainText("2 codes left");

  // Fulfil the pending one.
  await page.getByRole("link", { name: "Redemptions" }).click();
  await page.getByRole("link", { name: "Pending", exact: true }).click();
  const table = page.getByRole("table", { name: "Redemptions" });
  await expect(table.getByRole("row")).toHaveCount(2);
  const pending = table.getByRole("row").filter({ hasText: "Signed poster" });
  await expect(pending).toContainText(`${label} Reader`);
  await pending.getByRole("button", { name: "Mark fulfilled" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Redemption marked as fulfilled." })).toBeVisible();
  await expect(page).toHaveURL(/status=PENDING/);
  await expect(table).toHaveCount(0);
  const statusOf = async (id: string) => (await query<{ status: string }>(`SELECT status FROM "Redemption" WHERE id = $1`, [id]))[0]!.status;
  expect(await statusOf(posterRedemption.id)).toBe("FULFILLED");

  // Cancel the voucher: a reason is required; the points come back by a new ledger entry and the code is voided.
  await page.getByRole("link", { name: "Fulfilled", exact: true }).click();
  const voucher = table.getByRole("row").filter({ hasText: "Cinema voucher" });
  await expect(voucher).toContainText(cinemaRedemption.code!);
  await voucher.getByText("Cancel…").click();
  await voucher.getByRole("button", { name: "Cancel and refund" }).click();
  await expect(voucher.getByRole("alert")).toContainText("say why in at least 3 characters");
  await voucher.getByLabel(/Reason/).fill("customer moved away");
  await voucher.getByRole("button", { name: "Cancel and refund" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Redemption cancelled: its points were given back" })).toBeVisible();
  expect(await statusOf(cinemaRedemption.id)).toBe("CANCELLED");
  const [balance] = await query<{ balance: number }>(`SELECT balance FROM "PointBalance" WHERE "tenantId" = $1 AND "customerId" = $2`, [tenantId, customerId]);
  expect(balance!.balance).toBe(150);
  const refunds = await query<{ amount: number }>(
    `SELECT r.amount FROM "LedgerEntry" r JOIN "LedgerEntry" o ON o.id = r."reversesId" WHERE o."redemptionId" = $1 AND o.source = 'REDEMPTION'`,
    [cinemaRedemption.id],
  );
  expect(refunds).toEqual([{ amount: 150 }]);
  expect(
    (
      await query<{ voided: boolean }>(`SELECT "voidedAt" IS NOT NULL AS voided FROM "RewardCode" WHERE code = $1 AND "tenantId" = $2`, [
        cinemaRedemption.code,
        tenantId,
      ])
    )[0]!.voided,
  ).toBe(true);
  expect((await rewardOf(tenantId, "Cinema voucher")).stock).toBe(2);
  await page.getByRole("link", { name: "Cancelled", exact: true }).click();
  await expect(table.getByRole("row").filter({ hasText: "Cinema voucher" })).toContainText("“customer moved away”");

  // A redeemed reward is archived, not deleted.
  await page.goto(`/t/${account.slug}/rewards/${poster.id}/edit`);
  await page.getByText("Remove this reward…").click();
  await page.getByRole("button", { name: "Remove Signed poster" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reward archived" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Reward catalogue" })).not.toContainText("Signed poster");
  expect((await rewardOf(tenantId, "Signed poster")).archivedAt).not.toBeNull();
}

// Two customer processes (npx tsx) start inside each journey: on a busy 2-core machine they take
// tens of seconds, so the journeys get more than the default minute.
test.describe.configure({ timeout: 240_000 });

test.describe("desktop", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test("staff create rewards, upload codes, fulfil one redemption and cancel another", async ({ page, baseURL }) => {
    await journey(page, baseURL!, "Desk");
  });
});

test.describe("phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  test("the same on a 360 px screen", async ({ page, baseURL }) => {
    await journey(page, baseURL!, "Phone");
    // Nothing on the catalogue overflows the screen sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
