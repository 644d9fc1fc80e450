import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createGeneratedCodeReward, erasedCustomer, freshPortalSignIn, grantPoints, portalCustomer, redemptionsOf } from "./support/portal";
import { signUp } from "./support/session";

/**
 * Issue 11 item 1 and 4: a customer finds the brand's portal, joins with an emailed link, sees
 * points with their reasons, signs out and back in with the emailed code. Every step is checked
 * against the database. Run at a phone's width and a desktop's.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 740 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

for (const { name, size } of VIEWPORTS) {
  test.describe(`the rewards portal on a ${name}`, () => {
    test.use({ viewport: size });

    test("a customer joins by email link, sees each point and why, and signs back in with the code", async ({ page, browser }) => {
      test.setTimeout(300_000);
      const staff = await signUp(page, "Portal");
      const slug = staff.slug;
      const email = `fan-${randomUUID().slice(0, 8)}@e2e.test`;

      // A visitor of another browser: the brand's page, nothing of staff's.
      const context = await browser.newContext({ viewport: size });
      const fan = await context.newPage();
      await fan.goto(`/r/${slug}`);
      await expect(fan.getByRole("heading", { level: 1, name: `Earn rewards for talking about ${staff.brand}` })).toBeVisible();
      await noHorizontalScroll(fan);
      await fan.getByRole("link", { name: "Sign in or join with your email" }).click();
      await fan.getByLabel("Email").fill(email);
      await fan.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(fan.getByRole("status")).toContainText("Check your email");
      expect(await portalCustomer(slug, email)).toBeNull();

      // The emailed link opens a page; only the button spends it.
      const first = await freshPortalSignIn(slug, email);
      await fan.goto(first.path);
      await fan.getByRole("button", { name: `Continue to ${staff.brand} rewards` }).click();
      await fan.waitForURL(new RegExp(`/r/${slug}/join`));
      await expect(fan.getByText(email)).toBeVisible();
      await fan.getByLabel("Your name").fill("Ann <b>Lee</b>");
      await fan.getByRole("button", { name: `Join ${staff.brand} rewards` }).click();
      await expect(fan.getByText("accept the program terms to join")).toBeVisible();
      await fan.getByLabel("I accept the program terms").check();
      await fan.getByRole("button", { name: `Join ${staff.brand} rewards` }).click();
      await expect(fan.getByRole("heading", { level: 1, name: "Hi Ann <b>Lee</b>" })).toBeVisible();
      await noHorizontalScroll(fan);

      const joined = (await portalCustomer(slug, email))!;
      expect(joined).toMatchObject({ displayName: "Ann <b>Lee</b>", balance: 0, liveSessions: 1 });
      expect(joined.consents).toEqual([{ scopes: ["rewards-program"], policyVersion: "program-2026-12" }]);
      await expect(fan.getByTestId("portal-balance")).toHaveText("0");

      // Points arrive; the page shows the ledger's own figures and words.
      await grantPoints(slug, joined.customerId, 120, "welcome to the program");
      await grantPoints(slug, joined.customerId, 35, "store visit");
      const after = (await portalCustomer(slug, email))!;
      await fan.reload();
      await expect(fan.getByTestId("portal-balance")).toHaveText(after.balance.toLocaleString("en-US"));
      await expect(fan.getByTestId("portal-lifetime")).toHaveText(after.lifetimeEarned.toLocaleString("en-US"));
      await fan.getByRole("link", { name: "My points", exact: true }).click();
      const lines = fan.getByTestId("portal-ledger-line");
      await expect(lines).toHaveCount(2);
      await expect(lines.nth(0)).toContainText(`+35: from ${staff.brand}: store visit`);
      await expect(lines.nth(1)).toContainText(`+120: from ${staff.brand}: welcome to the program`);
      await noHorizontalScroll(fan);

      // Sign out ends the session on the server, then the code signs back in.
      await fan.getByRole("button", { name: "Sign out" }).click();
      await expect(fan.getByRole("link", { name: "Sign in or join with your email" })).toBeVisible();
      expect((await portalCustomer(slug, email))!.liveSessions).toBe(0);
      await fan.goto(`/r/${slug}/points`);
      await fan.waitForURL(new RegExp(`/r/${slug}/sign-in\\?next=`));
      await fan.getByLabel("Email").fill(email.toUpperCase());
      await fan.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(fan.getByRole("status")).toContainText("Check your email");
      const second = await freshPortalSignIn(slug, email);
      await fan.getByLabel("Code from the email").fill("00000000" === second.code ? "11111111" : "00000000");
      await fan.getByRole("button", { name: "Sign in with the code" }).click();
      await expect(fan.getByText("that code is not right or has expired")).toBeVisible();
      await fan.getByLabel("Code from the email").fill(`${second.code.slice(0, 4)} ${second.code.slice(4)}`);
      await fan.getByRole("button", { name: "Sign in with the code" }).click();
      await fan.waitForURL(new RegExp(`/r/${slug}/points$`));
      await expect(fan.getByRole("heading", { level: 1, name: "My points" })).toBeVisible();
      expect((await portalCustomer(slug, email))!.liveSessions).toBe(1);

      // The spent link is refused with a clear message.
      await fan.goto(first.path);
      await fan.getByRole("button", { name: `Continue to ${staff.brand} rewards` }).click();
      await expect(fan.getByText("this sign-in link has expired or was already used")).toBeVisible();

      // Redeem a reward: one confirmed action, the code shown at once and kept under My rewards.
      await createGeneratedCodeReward(slug, "Free <i>cone</i>", 100, 5);
      await fan.goto(`/r/${slug}`);
      await fan.getByRole("link", { name: "Rewards", exact: true }).click();
      const card = fan.getByTestId("portal-reward").filter({ hasText: "Free <i>cone</i>" });
      await card.getByRole("button", { name: "Redeem" }).click();
      await expect(card).toContainText("Spend 100 points on Free <i>cone</i>?");
      await card.getByRole("button", { name: "Confirm" }).click();
      await expect(card.getByRole("status")).toContainText("Your code:");
      const redeemed = await redemptionsOf(joined.customerId);
      expect(redeemed).toHaveLength(1);
      await expect(card.getByRole("status")).toContainText(redeemed[0]!.code!);
      await fan.reload();
      await expect(fan.getByTestId("portal-redemption-code")).toHaveText(redeemed[0]!.code!);
      await expect(fan.getByTestId("portal-balance")).toHaveText(String(155 - 100));
      await noHorizontalScroll(fan);

      // Download everything held about them: the file holds what the database holds.
      await fan.goto(`/r/${slug}/account`);
      const [download] = await Promise.all([fan.waitForEvent("download"), fan.getByRole("link", { name: "Download my data" }).click()]);
      const exported = JSON.parse(await readFile(await download.path(), "utf8")) as {
        profile: { displayName: string };
        ledger: { amount: number }[];
        points: { balance: number };
      };
      const held = (await portalCustomer(slug, email))!;
      expect(exported.profile.displayName).toBe(held.displayName);
      expect(exported.points.balance).toBe(held.balance);
      expect(exported.ledger.map((entry) => entry.amount)).toEqual([120, 35, -100]);

      // Erase: a typed confirmation, then signed out and gone.
      await fan.getByRole("button", { name: "Erase my account" }).click();
      await expect(fan.getByText('type "erase" to confirm', { exact: true })).toBeVisible();
      await fan.getByLabel('Type "erase" to confirm').fill("erase");
      await fan.getByRole("button", { name: "Erase my account" }).click();
      await expect(fan.getByRole("status")).toContainText("Your account is erased");
      expect(await portalCustomer(slug, email)).toBeNull();
      expect(await erasedCustomer(joined.customerId)).toMatchObject({ displayName: "Erased customer", balance: held.balance });
      await context.close();
    });
  });
}
