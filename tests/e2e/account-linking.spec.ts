import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { addXLinkRule, linkingState } from "./support/linking";
import { freshPortalSignIn, portalCustomer } from "./support/portal";
import { signUp } from "./support/session";

/**
 * Issue 11 items 3 and 7: a signed-in customer connects X through the social sandbox's consent
 * page (the e2e server's TWITTER_API_BASE_URL points at a sandbox of its own, playwright.config.ts),
 * sees the link reward from the ledger, then unlinks. Checked against the database, on a phone's
 * width and a desktop's.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 740 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

for (const { name, size } of VIEWPORTS) {
  test.describe(`linking X on a ${name}`, () => {
    test.use({ viewport: size });

    test("a customer reads the consent, connects X at the sandbox, earns the link reward once, and unlinks", async ({ page, browser }) => {
      test.setTimeout(180_000);
      const staff = await signUp(page, "Linking");
      const slug = staff.slug;
      await addXLinkRule(slug, 40);
      const email = `linker-${randomUUID().slice(0, 8)}@e2e.test`;
      const xName = `e2e${randomUUID().replaceAll("-", "").slice(0, 10)}`;

      const context = await browser.newContext({ viewport: size });
      const fan = await context.newPage();
      await fan.goto(`/r/${slug}/sign-in`);
      await fan.getByLabel("Email").fill(email);
      await fan.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(fan.getByRole("status")).toContainText("Check your email");
      await fan.goto((await freshPortalSignIn(slug, email)).path);
      await fan.getByRole("button", { name: `Continue to ${staff.brand} rewards` }).click();
      await fan.getByLabel("Your name").fill("Lin Ker");
      await fan.getByLabel("I accept the program terms").check();
      await fan.getByRole("button", { name: `Join ${staff.brand} rewards` }).click();
      await expect(fan.getByRole("heading", { level: 1, name: "Hi Lin Ker" })).toBeVisible();

      // The consent step, on our page, before leaving for X.
      await fan.getByRole("link", { name: "Linked accounts" }).click();
      await expect(fan.getByRole("heading", { level: 1, name: "Linked accounts" })).toBeVisible();
      await expect(fan.getByText("No account is linked yet.")).toBeVisible();
      const connect = fan.getByTestId("connect-twitter");
      await expect(connect).toContainText("your public posts that mention the brand");
      const mayPost = connect.getByLabel(`${staff.brand} may post the points I earn on my X account`);
      await expect(mayPost).not.toBeChecked();
      await noHorizontalScroll(fan);

      // A denied consent at X: a clear message, nothing written.
      await connect.getByRole("button", { name: "Continue to X" }).click();
      await fan.locator("#deny").click();
      await expect(fan.getByRole("alert").filter({ hasText: "Not linked" })).toContainText("You did not allow access at the network, so nothing was linked.");
      expect((await linkingState(slug)).profiles).toEqual([]);

      // Approved, with "may post" ticked.
      await fan.getByTestId("connect-twitter").getByLabel(`${staff.brand} may post the points I earn on my X account`).check();
      await fan.getByTestId("connect-twitter").getByRole("button", { name: "Continue to X" }).click();
      await expect(fan.locator("#scopes")).toContainText("tweet.write");
      await fan.locator("#username").fill(xName);
      await fan.locator("#approve").click();
      await fan.waitForURL(new RegExp(`/r/${slug}/accounts\\?linked=`));
      await expect(fan.getByRole("status").filter({ hasText: "Linked" })).toContainText(`Your X account @${xName} is linked.`);
      const linked = fan.getByTestId("linked-twitter");
      await expect(linked).toContainText(`@${xName}`);
      await expect(linked).toContainText(`${staff.brand} may post the points you earn on this account.`);
      await noHorizontalScroll(fan);

      const customer = (await portalCustomer(slug, email))!;
      expect(customer.balance).toBe(40);
      let state = await linkingState(slug);
      expect(state.profiles).toEqual([{ handle: xName, customerId: customer.customerId, status: "ACTIVE", hasToken: true }]);
      expect(state.consents).toEqual([{ allowPosting: true, revoked: false }]);
      expect(state.linkEntries).toEqual([40]);

      // The reward, from the ledger, on the points page.
      await fan.getByRole("link", { name: "My points" }).click();
      await expect(fan.getByTestId("portal-balance")).toHaveText("40");

      // Unlink: revoked at X, consent withdrawn, the account no longer the customer's.
      await fan.getByRole("link", { name: "Linked accounts" }).click();
      await fan
        .getByTestId("linked-twitter")
        .getByRole("button", { name: `Unlink @${xName}` })
        .click();
      await expect(fan.getByRole("status").filter({ hasText: "Unlinked" })).toContainText("its access was revoked");
      await expect(fan.getByText("No account is linked yet.")).toBeVisible();
      state = await linkingState(slug);
      expect(state.profiles).toEqual([{ handle: xName, customerId: null, status: "REVOKED", hasToken: false }]);
      expect(state.consents).toEqual([{ allowPosting: true, revoked: true }]);

      // Relinking pays nothing twice.
      await fan.getByTestId("connect-twitter").getByRole("button", { name: "Continue to X" }).click();
      await fan.locator("#username").fill(xName);
      await fan.locator("#approve").click();
      await fan.waitForURL(new RegExp(`/r/${slug}/accounts\\?linked=`));
      await expect(fan.getByTestId("linked-twitter")).toContainText(`${staff.brand} does not post on this account.`);
      state = await linkingState(slug);
      expect(state.linkEntries).toEqual([40]);
      expect((await portalCustomer(slug, email))!.balance).toBe(40);
      await context.close();
    });
  });
}
