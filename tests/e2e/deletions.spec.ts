import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { DEV_BEARER_TOKEN } from "../../src/sandbox/sandbox-state";
import { dedupedJobId, E2E_REDIS_URL, jobState, tenantIdOf } from "./support/queues";
import { signUp } from "./support/session";

// Settings → Deleted posts: the brand's period (validated, saved), "Run a pass now" (queued once,
// a second click starts nothing), and the last pass's findings, each checked against the database.

const run = promisify(execFile);

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Two mentions collected an hour ago whose posts do not exist upstream (deleted), due now. */
async function seedDueMentions(tenantId: string, tag: string) {
  for (const n of [1, 2]) {
    await sql(
      `INSERT INTO "Mention" ("tenantId", network, "externalId", "authorExternalId", "authorHandle", "authorFollowers", text, "postedAt", status, "createdAt", "updatedAt", "deletionCheckAt")
       VALUES ($1, 'TWITTER', $2, '1', 'someone', 10, 'gone soon', now() - interval '1 hour', 'PROSPECT', now() - interval '1 hour', now(), now() - interval '1 minute')`,
      [tenantId, `9${tag}${n}`],
    );
  }
}

async function stateRow(tenantId: string) {
  const [row] = await sql<{
    requestedAt: Date | null;
    passId: string | null;
    lastPassChecked: number;
    lastPassDeleted: number;
    lastPassReversed: number;
    lastPassTrigger: string | null;
    lastPassFinishedAt: Date | null;
  }>(
    `SELECT "requestedAt", "passId", "lastPassChecked", "lastPassDeleted", "lastPassReversed", "lastPassTrigger", "lastPassFinishedAt" FROM "DeletionCheckState" WHERE "tenantId" = $1`,
    [tenantId],
  );
  return row;
}

async function openScreen(page: Page, slug: string) {
  await page.goto(`/t/${slug}/settings`);
  await page.getByRole("link", { name: "Deleted posts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deleted posts" })).toBeVisible();
}

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 390, height: 844 } },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("an owner sets the period, runs a pass now once, and sees what it found", async ({ page, baseURL }) => {
      // The pass runs in a worker process started by the test (tsx load + its own sandbox): slower than a page.
      test.setTimeout(180_000);
      const account = await signUp(page, "Deletions");
      const tenantId = await tenantIdOf(account.slug);
      const saved = await page.request.put(`/api/v1/tenants/${account.slug}/channels/twitter`, {
        headers: { Origin: baseURL! },
        data: { credentials: { kind: "bearer", bearerToken: DEV_BEARER_TOKEN } },
      });
      expect(saved.ok()).toBe(true);

      await openScreen(page, account.slug);
      const period = page.getByLabel("Check posts for");
      await expect(period).toHaveValue("7");
      const checks = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "X deletion checks" }) });
      await expect(checks.getByText("No pass has run yet.")).toBeVisible();
      await expect(checks.getByTestId("due-now")).toHaveText("0");

      // Out of range: refused with the reason, nothing saved.
      await period.fill("31");
      await page.getByRole("button", { name: "Save period" }).click();
      await expect(page.getByText("At most 30 days.")).toBeVisible();
      await expect(page.getByLabel("Check posts for")).toHaveValue("31");
      expect((await sql<{ d: number }>(`SELECT "deletionCheckDays" AS d FROM "Tenant" WHERE id = $1`, [tenantId]))[0]!.d).toBe(7);
      await page.getByLabel("Check posts for").fill("14");
      await page.getByRole("button", { name: "Save period" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Posts are now checked for 14 days after they are collected." })).toBeVisible();
      expect((await sql<{ d: number }>(`SELECT "deletionCheckDays" AS d FROM "Tenant" WHERE id = $1`, [tenantId]))[0]!.d).toBe(14);
      await page.reload();
      await expect(page.getByLabel("Check posts for")).toHaveValue("14");

      // Two mentions due: the screen counts what the database holds.
      await seedDueMentions(tenantId, String(Date.now()));
      await page.reload();
      await expect(checks.getByTestId("due-now")).toHaveText("2");

      // Run a pass now: queued once; a second click starts nothing.
      const runNow = page.getByRole("button", { name: "Run a deletion pass on X now" });
      await runNow.click();
      await expect(page.getByRole("status").filter({ hasText: "A pass is queued" })).toBeVisible();
      await expect(checks.getByText("Pass queued")).toBeVisible();
      const jobId = await dedupedJobId("ledger", `check-deletions|${tenantId}|TWITTER`);
      expect(jobId).toBeDefined();
      // Queued and not run. "delayed" too: the other viewport's stand-in worker (run-deletion-job.ts)
      // may have taken this job and put it back for 500 ms without spending an attempt.
      expect(["waiting", "delayed"]).toContain(await jobState(jobId!, "ledger"));
      expect((await stateRow(tenantId))?.requestedAt).not.toBeNull();
      await runNow.click();
      await expect(page.getByRole("status").filter({ hasText: "A pass is already queued; no second one was started." })).toBeVisible();
      expect(
        (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "tenantId" = $1 AND action = 'deletions.pass-requested'`, [tenantId]))[0]!.n,
      ).toBe(1);

      // The worker runs it (a process of its own, with its own X sandbox, where those posts do not exist).
      await run("npx", ["tsx", "tests/e2e/support/run-deletion-job.ts", tenantId, jobId!], {
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
      const row = (await stateRow(tenantId))!;
      expect(row).toMatchObject({ passId: null, requestedAt: null, lastPassTrigger: "admin", lastPassChecked: 2, lastPassDeleted: 2, lastPassReversed: 0 });

      await page.reload();
      await expect(checks.getByText("No pass running")).toBeVisible();
      await expect(checks.getByTestId("due-now")).toHaveText("0");
      const last = checks.getByRole("region", { name: "Last pass" });
      await expect(last.getByText("Run by an admin")).toBeVisible();
      await expect(last.getByText("Everything due was checked")).toBeVisible();
      await expect(last.locator("time")).toHaveAttribute("datetime", row.lastPassFinishedAt!.toISOString());
      const figure = (label: string) =>
        last
          .locator("dl > div")
          .filter({ has: page.getByText(label, { exact: true }) })
          .locator("dd");
      await expect(figure("Checked")).toHaveText(String(row.lastPassChecked));
      await expect(figure("Deleted")).toHaveText(String(row.lastPassDeleted));
      await expect(figure("Reversed")).toHaveText(String(row.lastPassReversed));
      await expect(figure("Carried over")).toHaveText("0");
      const statuses = await sql<{ status: string }>(`SELECT status::text FROM "Mention" WHERE "tenantId" = $1`, [tenantId]);
      expect(statuses.map((s) => s.status)).toEqual(["DELETED", "DELETED"]);

      // Nothing spills sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}
