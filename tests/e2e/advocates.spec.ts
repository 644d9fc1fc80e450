import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { advocateScore } from "../../src/server/modules/advocates/advocate-score";
import { withClient } from "./support/db";
import { dedupedJobId, E2E_REDIS_URL, tenantIdOf } from "./support/queues";
import { signUp } from "./support/session";

// The Advocates screen: the leaderboard's order and scores and the funnel's counts are the
// database's; the score is explained in words; an owner saves stage rules, the job runs them
// (a stand-in worker process), and the customer 360 shows the move. A 5,000-character name widens
// nothing. Desktop, and a 390 px phone where rows are cards.

const run = promisify(execFile);
const sql = <T>(text: string, values: unknown[] = []) => withClient(async (c) => (await c.query(text, values)).rows as T[]);

async function customer(tenantId: string, name: string, stage: string, nps: string | null = null): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Customer" ("tenantId", "displayName", "lifecycleStage", "npsClass", "updatedAt") VALUES ($1, $2, $3::"LifecycleStage", $4::"NpsClass", now()) RETURNING id`,
    [tenantId, name, stage, nps],
  );
  return row!.id;
}

async function mentions(tenantId: string, customerId: string, followers: number, sentiment: number, count: number, likes: number) {
  for (let i = 0; i < count; i++) {
    await sql(
      `INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "authorExternalId", "authorHandle", "authorFollowers", text, "postedAt",
                              metrics, "sentimentScore", "sentimentLabel", status, "updatedAt")
       VALUES ($1, 'TWITTER', $2, $3, 'a', 'a', $4, 'Great coffee', now() - interval '2 days', $5::jsonb, $6, $7::"SentimentLabel", 'CREDITED', now())`,
      [tenantId, `adv-${customerId}-${i}`, customerId, followers, JSON.stringify({ likes }), sentiment, sentiment >= 0.2 ? "PROMOTER" : "PASSIVE"],
    );
  }
}

/** The leaderboard the database implies: advocateScore of each customer's counted mentions in 30 days, ties by id. */
async function expectedRanking(tenantId: string) {
  const rows = await sql<{ id: string; name: string; followers: number | null; sentiment: number | null; metrics: unknown }>(
    `SELECT c.id, c."displayName" AS name, m."authorFollowers" AS followers, m."sentimentScore" AS sentiment, m.metrics
     FROM "Customer" c LEFT JOIN "Mention" m ON m."tenantId" = c."tenantId" AND m."customerId" = c.id
       AND m.status NOT IN ('DISQUALIFIED', 'DELETED') AND m."postedAt" > now() - interval '30 days'
     WHERE c."tenantId" = $1 AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL`,
    [tenantId],
  );
  const byCustomer = new Map<string, { name: string; posts: Parameters<typeof advocateScore>[0][number][] }>();
  for (const r of rows) {
    const entry = byCustomer.get(r.id) ?? { name: r.name, posts: [] };
    if (r.followers !== null) entry.posts.push({ authorFollowers: r.followers, sentimentScore: r.sentiment, metrics: r.metrics });
    byCustomer.set(r.id, entry);
  }
  return [...byCustomer.entries()]
    .map(([id, e]) => ({ id, name: e.name, score: advocateScore(e.posts) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

async function expectNoHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 390, height: 844 } },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("ranking and funnel match the database; saved stage rules move a customer and the 360 shows it", async ({ page }) => {
      test.setTimeout(180_000); // sign-up, seeding, a server action and a stand-in worker process on a shared 2-core machine
      const account = await signUp(page, "Advocates");
      const tenantId = await tenantIdOf(account.slug);
      const fan = await customer(tenantId, "Fiona Fan", "CUSTOMER", "PROMOTER");
      const loud = await customer(tenantId, "Larry Loud", "CUSTOMER");
      const longName = `${"W".repeat(2_500)}${"م".repeat(2_499)}🎉`;
      const long = await customer(tenantId, longName, "LOYAL");
      await customer(tenantId, "Pat Prospect", "PROSPECT");
      await mentions(tenantId, fan, 300, 0.8, 3, 4);
      await mentions(tenantId, loud, 40_000, 0.3, 1, 120);
      await mentions(tenantId, long, 10, 0.1, 1, 0);

      await page.goto(`/t/${account.slug}/advocates`);
      await expect(page.getByRole("heading", { level: 1, name: "Advocates" })).toBeVisible();
      await expect(page.getByTestId("score-explanation")).toContainText("log10(1 + followers)");

      // The funnel: each stage's count is the database's, and opens the filtered customers list.
      const counts = await sql<{ stage: string; n: number }>(
        `SELECT "lifecycleStage"::text AS stage, count(*)::int AS n FROM "Customer" WHERE "tenantId" = $1 GROUP BY 1`,
        [tenantId],
      );
      for (const stage of ["PROSPECT", "CUSTOMER", "LOYAL", "ADVOCATE"]) {
        await expect(page.getByTestId(`funnel-${stage}`).getByTestId("funnel-count")).toHaveText(String(counts.find((c) => c.stage === stage)?.n ?? 0));
      }

      // The ranking: order and scores as the database implies.
      const expected = await expectedRanking(tenantId);
      const rows =
        viewport.name === "phone"
          ? page.getByTestId("advocate-card")
          : page
              .getByRole("table", { name: "Advocate leaderboard" })
              .getByRole("row")
              .filter({ has: page.getByRole("rowheader") });
      await expect(rows).toHaveCount(expected.length);
      for (const [i, e] of expected.entries()) {
        await expect(rows.nth(i)).toContainText(e.name.slice(0, 20));
        await expect(rows.nth(i)).toContainText(e.score.toFixed(1));
      }
      await expectNoHorizontalScroll(page);

      // Rows link to the 360.
      await rows.first().getByRole("link").click();
      await expect(page).toHaveURL(new RegExp(`/customers/${expected[0]!.id}$`));
      await page.goBack();

      // Stage rules: defaults shown until saved; the owner saves; the job moves the fan to advocate.
      const form = page.getByRole("form", { name: "Stage rules" });
      await expect(form.getByLabel("At least this many positive mentions")).toHaveValue("3");
      await form.getByLabel("At least this many points earned").fill("500");
      await form.getByRole("button", { name: "Save stage rules" }).click();
      await expect(form.getByRole("status")).toContainText("Stage rules saved");
      // applyStageRulesJobId as queues.ts stores it (toJobId: ":" becomes "|").
      const jobId = await dedupedJobId("maintenance", `stage-rules|${tenantId}`);
      expect(jobId).toBeDefined();
      await run("npx", ["tsx", "tests/e2e/support/run-stage-rules-job.ts", tenantId, jobId!], {
        env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", DATABASE_URL: E2E_DATABASE_URL, REDIS_URL: E2E_REDIS_URL },
        timeout: 60_000,
      });
      const moves = await sql<{ customerId: string; fromStage: string; toStage: string; rule: string }>(
        `SELECT "customerId", "fromStage"::text, "toStage"::text, rule FROM "StageChange" WHERE "tenantId" = $1 ORDER BY "customerId"`,
        [tenantId],
      );
      // The fan meets the advocate rule; the long-named loyal customer earned no points and falls back.
      expect(moves).toEqual(
        [
          { customerId: fan, fromStage: "CUSTOMER", toStage: "ADVOCATE", rule: "advocate" },
          { customerId: long, fromStage: "LOYAL", toStage: "CUSTOMER", rule: "customer" },
        ].sort((a, b) => (a.customerId < b.customerId ? -1 : 1)),
      );

      await page.reload();
      await expect(page.getByTestId("funnel-ADVOCATE").getByTestId("funnel-count")).toHaveText("1");
      await expect(page.getByTestId("funnel-ADVOCATE")).toHaveAttribute("href", `/t/${account.slug}/customers?stage=ADVOCATE`);
      await page.getByTestId("funnel-ADVOCATE").click();
      // A client-side navigation to a server-rendered list: slow on a busy machine.
      await expect(page).toHaveURL(/\/customers\?stage=ADVOCATE$/, { timeout: 30_000 });
      await expect(page.getByRole("link", { name: "Fiona Fan" }).first()).toBeVisible();

      await page.goto(`/t/${account.slug}/customers/${fan}`);
      const history = page.getByTestId("stage-change");
      await expect(history).toHaveCount(1);
      await expect(history.first()).toContainText("Customer → Advocate");
      await expect(history.first()).toContainText("advocate rule");
      await expectNoHorizontalScroll(page);
    });
  });
}
