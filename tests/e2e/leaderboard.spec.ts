import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { newEmailedToken } from "../../src/server/crypto/emailed-token";
import { withClient } from "./support/db";
import { grantPoints } from "./support/portal";
import { E2E_REDIS_URL } from "./support/queues";

/**
 * The portal's leaderboard: a signed-in customer sees the brand's board in order with their own
 * rank as the ledger has it, chooses the name shown there and sees it, then opts out and leaves the
 * board. The brand, its customers, their points (grantPoints, as staff adjust them) and the
 * customer's session are written straight to the database to keep this fast; sign-in itself is
 * walked in portal.spec.ts. Checked against the database at every step, on a phone and a desktop.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 390, height: 844 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

const run = promisify(execFile);

async function brandWithAdvocates() {
  const slug = `board-${randomUUID().slice(0, 8)}`;
  const { token, tokenHash } = newEmailedToken();
  const ids = await withClient(async (c) => {
    const tenantId = (await c.query<{ id: string }>(`INSERT INTO "Tenant" (slug, name, "updatedAt") VALUES ($1, 'Board Cafe', now()) RETURNING id`, [slug]))
      .rows[0]!.id;
    const make = async (displayName: string, leaderboardName: string | null, optOut = false) =>
      (
        await c.query<{ id: string }>(
          `INSERT INTO "Customer" ("tenantId", "displayName", "leaderboardName", "leaderboardOptOut", "updatedAt") VALUES ($1, $2, $3, $4, now()) RETURNING id`,
          [tenantId, displayName, leaderboardName, optOut],
        )
      ).rows[0]!.id;
    const ids = {
      tenantId,
      top: await make("Theo Topper", "Top Dog"),
      second: await make("Sara Second", null),
      me: await make("Mia Kowalski", null),
      last: await make("Lou Last", "Lou"),
      hidden: await make("Hidden Hero", "Hidden Hero", true),
    };
    await c.query(
      `INSERT INTO "CustomerSession" ("tenantId", "customerId", "tokenHash", "createdAt", "lastSeenAt", "expiresAt") VALUES ($1, $2, $3, now(), now(), now() + interval '1 day')`,
      [tenantId, ids.me, tokenHash],
    );
    return ids;
  });
  for (const [id, points] of [
    [ids.top, 300],
    [ids.second, 120],
    [ids.me, 80],
    [ids.last, 50],
    [ids.hidden, 1000],
  ] as const) {
    await grantPoints(slug, id, points, "e2e: leaderboard");
  }
  return { slug, token, ...ids };
}

/** The customer's rank and points as the ledger has them (earned, opted-out customers left out); null: not on the board. */
async function rankInDb(tenantId: string, customerId: string): Promise<{ rank: number; points: number; of: number } | null> {
  return withClient(async (c) => {
    const { rows } = await c.query<{ customerId: string; points: number }>(
      `SELECT e."customerId", sum(e.amount)::int AS points FROM "LedgerEntry" e JOIN "Customer" cu ON cu.id = e."customerId" AND NOT cu."leaderboardOptOut"
       WHERE e."tenantId" = $1 AND e.amount > 0 GROUP BY e."customerId"`,
      [tenantId],
    );
    const mine = rows.find((r) => r.customerId === customerId);
    return mine ? { rank: 1 + rows.filter((r) => r.points > mine.points).length, points: mine.points, of: rows.length } : null;
  });
}

async function preferences(customerId: string) {
  return withClient(
    async (c) =>
      (
        await c.query<{ leaderboardName: string | null; leaderboardOptOut: boolean }>(
          `SELECT "leaderboardName", "leaderboardOptOut" FROM "Customer" WHERE id = $1`,
          [customerId],
        )
      ).rows[0]!,
  );
}

const boardRows = (page: Page) => page.getByTestId("leaderboard-row");

/** One row of the board as it reads: rank, the name shown (and "(you)"), points. */
function row(text: string): RegExp {
  const [rank, ...rest] = text.split(" ");
  const points = rest.splice(-2).join(" ");
  const name = rest
    .join(" ")
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(" \\(you\\)", "\\s*\\(you\\)");
  return new RegExp(`^${rank}\\s*${name}\\s*${points}$`);
}

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

for (const { name, size } of VIEWPORTS) {
  test.describe(`the portal leaderboard on a ${name}`, () => {
    test.use({ viewport: size });

    test("a customer sees the ordered board and their rank, shows a chosen name on it, then opts out and leaves it", async ({ page, context, baseURL }) => {
      test.setTimeout(120_000);
      const brand = await brandWithAdvocates();
      // The worker's sync, played by a process of its own (the e2e tier runs no worker).
      await run("npx", ["tsx", "tests/e2e/support/sync-leaderboard.ts", brand.tenantId], {
        env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", DATABASE_URL: E2E_DATABASE_URL, REDIS_URL: E2E_REDIS_URL },
        timeout: 60_000,
      });
      const host = new URL(baseURL!).hostname;
      await context.addCookies([{ name: "megaphone_portal", value: brand.token, domain: host, path: `/r/${brand.slug}`, httpOnly: true, sameSite: "Lax" }]);

      await page.goto(`/r/${brand.slug}`);
      await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Leaderboard" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Leaderboard" })).toBeVisible();

      // This month's board (everything was granted now): ordered, the opted-out customer nowhere, no real names.
      const expected = ["1 Top Dog 300 pts", "2 An advocate 120 pts", "3 An advocate (you) 80 pts", "4 Lou 50 pts"].map(row);
      await expect(boardRows(page)).toHaveText(expected);
      await expect(page.getByText("Hidden Hero")).toHaveCount(0);
      await expect(page.getByText("Sara Second")).toHaveCount(0);
      const mine = (await rankInDb(brand.tenantId, brand.me))!;
      expect(mine).toEqual({ rank: 3, points: 80, of: 4 });
      for (const period of ["month", "all"]) {
        await expect(page.getByTestId(`leaderboard-me-${period}`)).toContainText(`You are #${mine.rank} of ${mine.of} with ${mine.points} points.`);
      }
      await noHorizontalScroll(page);
      await page.getByRole("link", { name: "All time" }).click();
      await expect(page).toHaveURL(/period=all/);
      await expect(page.getByRole("list", { name: "Top advocates, all time" })).toBeVisible();
      await expect(boardRows(page)).toHaveText(expected);

      // A name that is markup is refused and nothing is saved; a proper one shows on the board at once.
      const nameField = page.getByLabel("Name on the leaderboard");
      await nameField.fill("<b>Mia</b>");
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("letters, digits, spaces and . _ - ' only, starting with a letter or digit").first()).toBeVisible();
      expect(await preferences(brand.me)).toEqual({ leaderboardName: null, leaderboardOptOut: false });
      await nameField.fill("  Mia   K. ");
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("status").filter({ hasText: "You appear as “Mia K.”" })).toBeVisible();
      expect(await preferences(brand.me)).toEqual({ leaderboardName: "Mia K.", leaderboardOptOut: false });
      await expect(page.locator('[data-testid="leaderboard-row"][data-you="true"]')).toHaveText(row("3 Mia K. (you) 80 pts"));
      await noHorizontalScroll(page);
      if (size.width < 400) {
        // The narrowest phones too.
        await page.setViewportSize({ width: 360, height: 740 });
        await noHorizontalScroll(page);
      }

      // Opting out: off both boards at once, the name stays theirs.
      await page.getByLabel("Keep me off the leaderboard").check();
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("status").filter({ hasText: "You are off the leaderboard" })).toBeVisible();
      expect(await preferences(brand.me)).toEqual({ leaderboardName: "Mia K.", leaderboardOptOut: true });
      expect(await rankInDb(brand.tenantId, brand.me)).toBeNull();
      await page.reload();
      await expect(boardRows(page)).toHaveText(["1 Top Dog 300 pts", "2 An advocate 120 pts", "3 Lou 50 pts"].map(row));
      await expect(page.getByText("Mia K.", { exact: false }).and(page.getByTestId("leaderboard-row"))).toHaveCount(0);
      for (const period of ["month", "all"]) await expect(page.getByTestId(`leaderboard-me-${period}`)).toContainText("You are not on the board.");
    });
  });
}
