import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { tenantIdOf } from "./support/queues";
import { signUp } from "./support/session";

// The brand overview: figures of the last 7 days against the 7 before, read from the rollups the
// database keeps, checked against the source tables; two figures followed to their filtered
// lists; hostile term, name and post text; an empty brand's honest zeros. Desktop and a phone.

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const HOSTILE_TERM = `<img src=x onerror="window.__pwned=1"> & 'term'`;
const LONG_NAME = `${"N".repeat(2_500)}${"ن".repeat(2_499)}!`;
const LONG_POST = `${"P".repeat(5_000)} <script>window.__pwned=1</script>`;

async function customer(tenantId: string, name: string, balance: number, handle: string): Promise<{ id: string; profile: string }> {
  const [row] = await sql<{ id: string }>(`INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt") VALUES ($1, $2, now()) RETURNING id`, [
    tenantId,
    name,
  ]);
  const [profile] = await sql<{ id: string }>(
    `INSERT INTO "SocialProfile" ("tenantId", "customerId", network, "externalUserId", handle, "linkedAt", "updatedAt")
     VALUES ($1, $2, 'TWITTER', $3, $3, now() - interval '1 hour', now()) RETURNING id`,
    [tenantId, row!.id, handle],
  );
  await sql(`INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned") VALUES ($1, $2, $3, $3)`, [tenantId, row!.id, balance]);
  return { id: row!.id, profile: profile!.id };
}

/** A term, two customers (one with a 5,000-character name), mentions now and 10 days ago, points. */
async function seedBrand(tenantId: string) {
  const [term] = await sql<{ id: string }>(
    `INSERT INTO "ListeningSource" ("tenantId", network, kind, value, "updatedAt") VALUES ($1, 'TWITTER', 'KEYWORD', $2, now()) RETURNING id`,
    [tenantId, HOSTILE_TERM],
  );
  const ann = await customer(tenantId, "Ann Advocate", 45, "ann_fan");
  const long = await customer(tenantId, LONG_NAME, 20, "long_fan");
  // Ann's second account: one more account linked, not one more new linked customer.
  await sql(
    `INSERT INTO "SocialProfile" ("tenantId", "customerId", network, "externalUserId", handle, "linkedAt", "updatedAt")
     VALUES ($1, $2, 'FOURSQUARE', 'ann-fsq', 'ann_fsq', now() - interval '30 minutes', now())`,
    [tenantId, ann.id],
  );
  const mention = async (
    network: string,
    ago: string,
    sentiment: string | null,
    text: string,
    who: { id: string; profile: string } | null,
    sourceId: string | null,
  ) =>
    (
      await sql<{ id: string }>(
        `INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "socialProfileId", "sourceId", "authorExternalId", "authorHandle", "authorFollowers", text, "postedAt", "sentimentLabel", "updatedAt")
         VALUES ($1, $2::"Network", $3, $4, $5, $6, 'author', 'poster', 100, $7, now() - $8::interval, $9::"SentimentLabel", now()) RETURNING id`,
        [tenantId, network, `ext-${Math.random()}`, who?.id ?? null, who?.profile ?? null, sourceId, text, ago, sentiment],
      )
    )[0]!.id;
  const first = await mention("TWITTER", "2 hours", "PROMOTER", "Loving the new menu", ann, term!.id);
  const second = await mention("TWITTER", "3 hours", "DETRACTOR", LONG_POST, long, term!.id);
  await mention("TWITTER", "4 hours", null, "just passing by", null, null);
  await mention("FOURSQUARE", "5 hours", "PASSIVE", "checked in", null, null);
  await mention("TWITTER", "10 days", "PROMOTER", "an older post", null, term!.id);
  const entry = async (customerId: string, amount: number, source: string, mentionId: string | null) =>
    sql(
      `INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "mentionId", explanation, "createdAt")
       VALUES ($1, $2, $3, $4::"LedgerSource", $5, $6, '{}'::jsonb, now() - interval '1 hour')`,
      [tenantId, customerId, amount, source, `e2e:${Math.random()}`, mentionId],
    );
  await entry(ann.id, 60, "MENTION", first);
  await entry(ann.id, -15, "REDEMPTION", null);
  await entry(long.id, 20, "MENTION", second);
  return { term: term!.id, ann, long };
}

async function expectNoHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

const n = (v: number | string) => Number(v).toLocaleString("en");

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 390, height: 844 } },
]) {
  test.describe(`the overview on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("shows the database's figures for the last 7 days and opens the lists behind them", async ({ page }) => {
      const account = await signUp(page, "Overview");
      const tenantId = await tenantIdOf(account.slug);
      const seeded = await seedBrand(tenantId);
      await page.goto(`/t/${account.slug}?period=7`);
      await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "page");

      const [db] = await sql<{
        from: string;
        to: string;
        current: string;
        previous: string;
        links: string;
        linked: string;
        awarded: string;
        redeemed: string;
        held: string;
        fsq: string;
        term: string;
      }>(
        `WITH p AS (SELECT (now() AT TIME ZONE 'UTC')::date - 6 AS f, (now() AT TIME ZONE 'UTC')::date AS t)
         SELECT to_char(p.f, 'YYYY-MM-DD') AS from, to_char(p.t, 'YYYY-MM-DD') AS to,
           (SELECT COUNT(*) FROM "Mention" m WHERE m."tenantId" = $1 AND m."postedAt"::date BETWEEN p.f AND p.t) AS current,
           (SELECT COUNT(*) FROM "Mention" m WHERE m."tenantId" = $1 AND m."postedAt"::date BETWEEN p.f - 7 AND p.f - 1) AS previous,
           (SELECT COUNT(*) FROM "Mention" m WHERE m."tenantId" = $1 AND m.network = 'FOURSQUARE' AND m."postedAt"::date BETWEEN p.f AND p.t) AS fsq,
           (SELECT COUNT(*) FROM "Mention" m WHERE m."tenantId" = $1 AND m."sourceId" = $2 AND m."postedAt"::date BETWEEN p.f AND p.t) AS term,
           (SELECT COUNT(*) FROM "SocialProfile" s WHERE s."tenantId" = $1 AND s."customerId" IS NOT NULL AND s."linkedAt"::date BETWEEN p.f AND p.t) AS links,
           (SELECT COUNT(*) FROM "Customer" c WHERE c."tenantId" = $1
               AND (SELECT MIN(s."linkedAt") FROM "SocialProfile" s WHERE s."tenantId" = $1 AND s."customerId" = c.id)::date BETWEEN p.f AND p.t) AS linked,
           (SELECT COALESCE(SUM(amount), 0) FROM "LedgerEntry" e WHERE e."tenantId" = $1 AND e.source = 'MENTION' AND e."createdAt"::date BETWEEN p.f AND p.t) AS awarded,
           (SELECT COALESCE(-SUM(amount), 0) FROM "LedgerEntry" e WHERE e."tenantId" = $1 AND e.source = 'REDEMPTION' AND e."createdAt"::date BETWEEN p.f AND p.t) AS redeemed,
           (SELECT COALESCE(SUM(amount), 0) FROM "LedgerEntry" e WHERE e."tenantId" = $1) AS held
         FROM p`,
        [tenantId, seeded.term],
      );
      expect(db).toMatchObject({ current: "4", previous: "1", links: "3", linked: "2", awarded: "80", redeemed: "15", held: "65" });
      await expect(page.getByTestId("figure-mentions-value")).toHaveText(n(db!.current));
      await expect(page.getByTestId("figure-mentions-previous")).toContainText(`vs ${n(db!.previous)} the previous period`);
      await expect(page.getByTestId("figure-links-value")).toHaveText(n(db!.linked));
      await expect(page.getByTestId("figure-links")).toContainText(`Accounts linked in all: ${n(db!.links)}.`);
      await expect(page.getByTestId("figure-awarded-value")).toHaveText(n(db!.awarded));
      await expect(page.getByTestId("figure-redeemed-value")).toHaveText(n(db!.redeemed));
      await expect(page.getByTestId("figure-liability-value")).toHaveText(n(db!.held));
      await expect(page.getByTestId("networks-FOURSQUARE-value")).toHaveText(n(db!.fsq));
      await expect(page.getByTestId(`terms-${seeded.term}-value`)).toHaveText(n(db!.term));
      await expect(page.getByTestId(`terms-${seeded.term}`)).toContainText(HOSTILE_TERM);
      await expect(page.getByTestId("sentiment-NONE-value")).toHaveText("1");
      await expect(page.getByTestId("top-advocates").getByRole("listitem").first()).toContainText("Ann Advocate");
      await expect(page.getByTestId("top-posts")).toContainText("PPPP");
      await expect(page.getByRole("figure", { name: "Mentions per day, stacked by network" })).toBeVisible();
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      await expectNoHorizontalScroll(page);

      // Mentions → the inbox, same days: the same number of mentions.
      await page.getByTestId("figure-mentions").click();
      await page.waitForURL((url) => url.pathname.endsWith("/inbox") && url.searchParams.get("from") === db!.from && url.searchParams.get("to") === db!.to);
      await expect(page.getByTestId("inbox-item")).toHaveCount(Number(db!.current));

      // The term → the inbox filtered by that term and the days.
      await page.goBack();
      await page.getByTestId(`terms-${seeded.term}`).click();
      await page.waitForURL((url) => url.searchParams.get("source") === seeded.term);
      await expect(page.getByTestId("inbox-item")).toHaveCount(Number(db!.term));

      // New linked customers → the customers whose first link was on those days, as many.
      await page.goto(`/t/${account.slug}?period=7`);
      await page.getByTestId("figure-links").click();
      await page.waitForURL((url) => url.pathname.endsWith("/customers") && url.searchParams.get("linkedFrom") === db!.from);
      await expect(page.getByTestId("linked-filter")).toContainText(`${n(db!.linked)} customers`);
      await expectNoHorizontalScroll(page);
    });

    test("an empty brand shows zeros and no chart, and a bad period falls back to 30 days", async ({ page }) => {
      const account = await signUp(page, "Overview empty");
      await page.goto(`/t/${account.slug}?period=custom&from=2026-05-10&to=2026-05-01`);
      await expect(page.getByText("That period was not valid")).toBeVisible();
      await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "page");
      for (const figure of ["mentions", "links", "awarded", "redeemed", "liability"]) await expect(page.getByTestId(`figure-${figure}-value`)).toHaveText("0");
      await expect(page.getByTestId("no-mentions")).toHaveText("No mentions in this period.");
      await expect(page.getByText("No tracked term found a mention in this period.")).toBeVisible();
      await expect(page.getByText("No customer earned points in this period.")).toBeVisible();

      const custom = page.getByRole("form", { name: "Custom period" });
      await custom.getByLabel("From", { exact: true }).fill("2026-01-01");
      await custom.getByLabel("To", { exact: true }).fill("2026-01-31");
      await custom.getByRole("button", { name: "Show" }).click();
      await expect(page.getByTestId("overview-period")).toContainText("2026-01-01 to 2026-01-31 (31 days), compared with 2025-12-01 to 2025-12-31");
      await expectNoHorizontalScroll(page);
    });
  });
}
