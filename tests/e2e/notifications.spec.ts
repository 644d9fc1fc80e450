import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { brandWithEarningCustomer, deliveredMail, preferencesOf } from "./support/notifications";
import { freshPortalSignIn } from "./support/portal";
import { E2E_REDIS_URL } from "./support/queues";

/**
 * A customer chooses their emails on My account, and a real digest's unsubscribe link (delivered
 * by the worker's code, read from the delivery log) turns the digest off after the confirm click,
 * not on opening. Checked against the database at a phone's width and a desktop's.
 */
const run = promisify(execFile);
const VIEWPORTS = [
  { name: "phone", size: { width: 390, height: 844 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

for (const { name, size } of VIEWPORTS) {
  test.describe(`customer notification emails on a ${name}`, () => {
    test.use({ viewport: size });

    test("turns an email off on My account, and unsubscribes from a delivered digest's link after the confirm click", async ({ page, baseURL }) => {
      test.setTimeout(120_000);
      const fan = await brandWithEarningCustomer();

      await page.goto(`/r/${fan.slug}/sign-in`);
      await page.getByLabel("Email").fill(fan.email);
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(page.getByRole("status")).toContainText("Check your email");
      await page.goto((await freshPortalSignIn(fan.slug, fan.email)).path);
      await page.getByRole("button", { name: `Continue to ${fan.brand} rewards` }).click();
      await page.waitForURL(new RegExp(`/r/${fan.slug}$`));

      await page.goto(`/r/${fan.slug}/account`);
      const within = page.getByLabel("Rewards within reach");
      await expect(within).toBeChecked();
      await within.uncheck();
      await page.getByRole("button", { name: "Save email choices" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
      expect(await preferencesOf(fan.customerId)).toEqual({ digest: true, affordable: false, cap: true });
      await page.reload();
      await expect(page.getByLabel("Rewards within reach")).not.toBeChecked();
      await expect(page.getByLabel("Daily summary")).toBeChecked();

      // The day's digest, queued and delivered by the worker's code (this tier runs no worker).
      const day = new Date().toISOString().slice(0, 10);
      await run("npx", ["tsx", "tests/e2e/support/run-notifications.ts", fan.tenantId, fan.customerId, day], {
        env: {
          ...process.env,
          NODE_ENV: "test",
          LOG_LEVEL: "warn",
          DATABASE_URL: E2E_DATABASE_URL,
          REDIS_URL: E2E_REDIS_URL,
          APP_URL: baseURL!,
          NEXTAUTH_SECRET: "e2e-only-nextauth-secret-0123456789abcdef",
          ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
        },
        timeout: 60_000,
      });
      const mail = (await deliveredMail(`digest:${fan.customerId}:${day}`))!;
      expect(mail.subject).toBe(`Your ${fan.brand} points for ${day}`);
      expect(mail.text).toContain(`- +25: your post about ${fan.brand} on X`);
      const link = /Unsubscribe from these emails: (\S+)/.exec(mail.text)![1]!;
      expect(mail.html).toContain(`href="${link}"`);
      const path = new URL(link).pathname;

      await page.goto(`${path.slice(0, -4)}AAAA`);
      await expect(page.getByText("This unsubscribe link is not valid")).toBeVisible();

      // Opening the link changes nothing; the button does.
      await page.goto(path);
      await expect(page.getByText("Stop the daily summary of your points?")).toBeVisible();
      expect((await preferencesOf(fan.customerId))!.digest).toBe(true);
      await page.getByRole("button", { name: "Unsubscribe" }).click();
      await expect(page.getByText("You are unsubscribed")).toBeVisible();
      expect(await preferencesOf(fan.customerId)).toEqual({ digest: false, affordable: false, cap: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });
  });
}
