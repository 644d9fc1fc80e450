import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { tenantIdOf } from "./support/queues";
import { signUp } from "./support/session";

// The marketer's prospects (ranked by reach × positive mentions, checked against the database,
// an invitation recorded, one marked as customer) and a location's figures against a recount.
// Desktop and a 360 px phone; a 5,000-character handle and hostile post text widen nothing.

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

let seq = 0;
async function mention(
  tenantId: string,
  m: {
    author: string;
    handle: string;
    followers: number;
    positive: boolean;
    network?: string;
    locationId?: string;
    customerId?: string;
    text?: string;
    daysAgo?: number;
  },
) {
  seq += 1;
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "locationId", "authorExternalId", "authorHandle", "authorFollowers", text, "postedAt", "sentimentScore", "sentimentLabel", status, "updatedAt")
     VALUES ($1, $2::"Network", $3, $4, $5, $6, $7, $8, $9, now() - make_interval(days => $10), $11, $12::"SentimentLabel", $13::"MentionStatus", now()) RETURNING id`,
    [
      tenantId,
      m.network ?? "TWITTER",
      `e2e-${Date.now()}-${seq}`,
      m.customerId ?? null,
      m.locationId ?? null,
      m.author,
      m.handle,
      m.followers,
      m.text ?? `love it ${seq}`,
      m.daysAgo ?? 1,
      m.positive ? 0.8 : 0,
      m.positive ? "PROMOTER" : "PASSIVE",
      m.customerId ? "CREDITED" : "PROSPECT",
    ],
  );
  return row!.id;
}

/** The ranking as the page promises it, recomputed here. */
const ranking = (tenantId: string) =>
  sql<{ author: string; score: string }>(
    `SELECT "authorExternalId" AS author, max("authorFollowers")::bigint * count(*) FILTER (WHERE "sentimentLabel" = 'PROMOTER') AS score
     FROM "Mention" m WHERE "tenantId" = $1 AND status = 'PROSPECT'
       AND NOT EXISTS (SELECT 1 FROM "ProspectConversion" c WHERE c."tenantId" = $1 AND c."authorExternalId" = m."authorExternalId")
     GROUP BY network, "authorExternalId" ORDER BY score DESC, network, "authorExternalId"`,
    [tenantId],
  );

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 360, height: 740 } },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size, permissions: ["clipboard-read", "clipboard-write"] });

    test("prospects are ranked as the database says; an invitation is recorded and one is made a customer", async ({ page }) => {
      const account = await signUp(page, "Prospects");
      const tenantId = await tenantIdOf(account.slug);
      const longHandle = "p".repeat(5_000);
      for (let i = 0; i < 3; i++) await mention(tenantId, { author: "fan-a", handle: "fan_a", followers: 2_000, positive: true });
      await mention(tenantId, { author: "fan-b", handle: "fan_b", followers: 9_000, positive: true });
      await mention(tenantId, {
        author: "fan-b",
        handle: "fan_b",
        followers: 9_000,
        positive: false,
        text: `<img src=x onerror="document.body.dataset.pwned=1"> hi`,
      });
      await mention(tenantId, { author: "fan-long", handle: longHandle, followers: 10, positive: true });

      await page.goto(`/t/${account.slug}/prospects`);
      await expect(page.getByText("reach × positive mentions")).toBeVisible();
      const expected = await ranking(tenantId);
      const cards = page.getByTestId("prospect");
      await expect(cards).toHaveCount(expected.length);
      for (const [i, row] of expected.entries()) {
        await expect(cards.nth(i)).toHaveAttribute("data-author", `TWITTER:${row.author}`);
        await expect(cards.nth(i).locator('[data-figure="score"]')).toHaveText(Number(row.score).toLocaleString("en-US"));
      }
      await expectNoHorizontalScroll(page);

      const fanB = page.locator('[data-author="TWITTER:fan-b"]');
      await fanB.getByText(/Latest mentions/).click();
      await expect(fanB.getByText('<img src=x onerror="document.body.dataset.pwned=1"> hi')).toBeVisible();
      expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();

      const invitation = fanB.getByLabel("Invitation (reply or DM)");
      await expect(invitation).toHaveValue(new RegExp(`/r/${account.slug}`));
      await invitation.fill(`Hey @fan_b, join us: /r/${account.slug}`);
      await fanB.getByRole("button", { name: "Invite to the rewards program" }).click();
      await expect(fanB.getByRole("status")).toContainText("Invitation recorded");
      const invites = await sql<{ text: string }>(`SELECT text FROM "ProspectInvitation" WHERE "tenantId" = $1 AND "authorExternalId" = 'fan-b'`, [tenantId]);
      expect(invites.map((r) => r.text)).toEqual([`Hey @fan_b, join us: /r/${account.slug}`]);

      await page.locator('[data-author="TWITTER:fan-a"]').getByRole("button", { name: "Mark as customer" }).click();
      await page.waitForURL(/\/customers\/cus/);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("@fan_a");
      const [converted] = await sql<{ customerId: string }>(
        `SELECT "customerId" FROM "ProspectConversion" WHERE "tenantId" = $1 AND "authorExternalId" = 'fan-a'`,
        [tenantId],
      );
      expect(page.url()).toContain(converted!.customerId);

      await page.goto(`/t/${account.slug}/prospects`);
      await expect(page.getByTestId("prospect")).toHaveCount(expected.length - 1);
      await expect(page.locator('[data-author="TWITTER:fan-a"]')).toHaveCount(0);
      await expectNoHorizontalScroll(page);
    });

    test("a location's figures match a recount of the database", async ({ page }) => {
      const account = await signUp(page, "Locations");
      const tenantId = await tenantIdOf(account.slug);
      const [loc] = await sql<{ id: string }>(
        `INSERT INTO "Location" ("tenantId", name, city, "updatedAt") VALUES ($1, $2, 'Springfield', now()) RETURNING id`,
        [tenantId, `Main street ${"store ".repeat(800)}`],
      );
      const [customer] = await sql<{ id: string }>(
        `INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt") VALUES ($1, 'Visitor', now()) RETURNING id`,
        [tenantId],
      );
      const at = { locationId: loc!.id, customerId: customer!.id, author: "visitor", handle: "visitor", followers: 10, positive: true };
      const paid = [
        await mention(tenantId, { ...at, network: "FOURSQUARE", daysAgo: 2 }),
        await mention(tenantId, { ...at, network: "FOURSQUARE", daysAgo: 12 }),
        await mention(tenantId, { ...at, network: "TWITTER", daysAgo: 3 }),
      ];
      await mention(tenantId, { ...at, network: "FOURSQUARE", daysAgo: 200 });
      for (const [i, id] of paid.entries()) {
        await sql(
          `INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "mentionId", explanation) VALUES ($1, $2, $3, 'MENTION', $4, $5, '{}'::jsonb)`,
          [tenantId, customer!.id, 10 * (i + 1), `mention:e2e:${id}`, id],
        );
      }
      await sql(`INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned") VALUES ($1, $2, 60, 60)`, [tenantId, customer!.id]);
      for (const [score, cls] of [
        [10, "PROMOTER"],
        [9, "PROMOTER"],
        [2, "DETRACTOR"],
      ] as const) {
        await sql(`INSERT INTO "FeedbackResponse" ("tenantId", "customerId", score, "npsClass", "locationId") VALUES ($1, $2, $3, $4::"NpsClass", $5)`, [
          tenantId,
          customer!.id,
          score,
          cls,
          loc!.id,
        ]);
      }
      const [db] = await sql<{ checkins: string; mentions: string; points: string; promoters: string; detractors: string; answers: string }>(
        `SELECT
           (SELECT count(*) FROM "Mention" WHERE "tenantId" = $1 AND "locationId" = $2 AND network = 'FOURSQUARE' AND "postedAt" >= now() - interval '30 days') AS checkins,
           (SELECT count(*) FROM "Mention" WHERE "tenantId" = $1 AND "locationId" = $2 AND network = 'TWITTER' AND "postedAt" >= now() - interval '30 days') AS mentions,
           (SELECT sum(e.amount) FROM "LedgerEntry" e JOIN "Mention" m ON m.id = e."mentionId" WHERE e."tenantId" = $1 AND m."locationId" = $2) AS points,
           (SELECT count(*) FROM "FeedbackResponse" WHERE "tenantId" = $1 AND "locationId" = $2 AND "npsClass" = 'PROMOTER') AS promoters,
           (SELECT count(*) FROM "FeedbackResponse" WHERE "tenantId" = $1 AND "locationId" = $2 AND "npsClass" = 'DETRACTOR') AS detractors,
           (SELECT count(*) FROM "FeedbackResponse" WHERE "tenantId" = $1 AND "locationId" = $2) AS answers`,
        [tenantId, loc!.id],
      );
      const nps = String(Math.round(((Number(db!.promoters) - Number(db!.detractors)) / Number(db!.answers)) * 100));

      await page.goto(`/t/${account.slug}/locations?days=30`);
      const row = page.locator(`[data-location-id="${loc!.id}"]:visible`);
      await expect(row.locator('[data-figure="checkins"]')).toHaveText(db!.checkins);
      await expect(row.locator('[data-figure="mentions"]')).toHaveText(db!.mentions);
      await expect(row.locator('[data-figure="points"]')).toHaveText(db!.points);
      await expect(row.locator('[data-figure="nps"]')).toHaveText(nps);
      await expectNoHorizontalScroll(page);

      await row.getByRole("link").click();
      await page.waitForURL(new RegExp(`/locations/${loc!.id}`));
      const totals = page.getByTestId("location-totals");
      await expect(totals).toContainText(`Check-ins${db!.checkins}`);
      await expect(totals).toContainText(`Points${db!.points}`);
      await expect(page.getByRole("figure", { name: /Weekly trend/ })).toBeVisible();
      await expectNoHorizontalScroll(page);
    });
  });
}
