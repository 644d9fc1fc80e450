import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { addLinkRule, linkingState } from "./support/linking";
import { freshPortalSignIn, portalCustomer } from "./support/portal";
import { signUp } from "./support/session";

/**
 * Issue 11 items 3 and 7: a signed-in customer connects X (and Foursquare) through the social
 * sandbox's consent pages (the e2e server's TWITTER_API_BASE_URL and FOURSQUARE_API_BASE_URL point
 * at a sandbox of its own, playwright.config.ts), sees the link reward from the ledger, then
 * unlinks. Checked against the database, on a phone's width and a desktop's.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 740 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** A new customer of the brand, signed in through the emailed link and joined, in a browser of their own. */
async function joinAsFan(browser: Browser, size: { width: number; height: number }, staff: { slug: string; brand: string }, email: string, name: string) {
  const context = await browser.newContext({ viewport: size });
  const fan = await context.newPage();
  await fan.goto(`/r/${staff.slug}/sign-in`);
  await fan.getByLabel("Email").fill(email);
  await fan.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(fan.getByRole("status")).toContainText("Check your email");
  await fan.goto((await freshPortalSignIn(staff.slug, email)).path);
  await fan.getByRole("button", { name: `Continue to ${staff.brand} rewards` }).click();
  await fan.getByLabel("Your name").fill(name);
  await fan.getByLabel("I accept the program terms").check();
  await fan.getByRole("button", { name: `Join ${staff.brand} rewards` }).click();
  await expect(fan.getByRole("heading", { level: 1, name: `Hi ${name}` })).toBeVisible();
  return { context, fan };
}

for (const { name, size } of VIEWPORTS) {
  test.describe(`linking accounts on a ${name}`, () => {
    test.use({ viewport: size });

    test("a customer reads the consent, connects X at the sandbox, earns the link reward once, and unlinks", async ({ page, browser }) => {
      test.setTimeout(180_000);
      const staff = await signUp(page, "Linking");
      const slug = staff.slug;
      await addLinkRule(slug, 40);
      const email = `linker-${randomUUID().slice(0, 8)}@e2e.test`;
      const xName = `e2e${randomUUID().replaceAll("-", "").slice(0, 10)}`;
      const { context, fan } = await joinAsFan(browser, size, staff, email, "Lin Ker");

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

    test("a customer connects Foursquare at the sandbox (no posting offered), earns the link reward once, and unlinks (our copy deleted)", async ({
      page,
      browser,
    }) => {
      test.setTimeout(180_000);
      const staff = await signUp(page, "Swarm");
      const slug = staff.slug;
      await addLinkRule(slug, 25, "FOURSQUARE");
      const email = `swarmer-${randomUUID().slice(0, 8)}@e2e.test`;
      // The sandbox names a new Swarm user after the first part of the name it signs in as.
      const swarmUser = `lena.e2e${randomUUID().replaceAll("-", "").slice(0, 10)}`;
      const { context, fan } = await joinAsFan(browser, size, staff, email, "Lena Swarm");

      await fan.getByRole("link", { name: "Linked accounts" }).click();
      const connect = fan.getByTestId("connect-foursquare");
      await expect(connect).toContainText("your check-ins at this brand's venues");
      await expect(connect).toContainText(`${staff.brand} never posts on Foursquare for you: posting there is not offered.`);
      await expect(connect).toContainText("Foursquare gives apps no way to revoke it themselves");
      await expect(connect.getByRole("checkbox")).toHaveCount(0);
      await expect(fan.getByTestId("connect-twitter")).toBeVisible();
      await noHorizontalScroll(fan);

      await connect.getByRole("button", { name: "Continue to Foursquare" }).click();
      await expect(fan.getByRole("heading", { name: /wants to access your Foursquare account/ })).toBeVisible();
      await fan.locator("#username").fill(swarmUser);
      await fan.locator("#approve").click();
      await fan.waitForURL(new RegExp(`/r/${slug}/accounts\\?linked=`));
      await expect(fan.getByRole("status").filter({ hasText: "Linked" })).toContainText("Your Foursquare account Lena is linked.");
      const linked = fan.getByTestId("linked-foursquare");
      await expect(linked).toContainText("Posting on Foursquare is not offered.");
      await expect(linked.getByRole("button", { name: /auto-sharing/ })).toHaveCount(0);
      await noHorizontalScroll(fan);

      const customer = (await portalCustomer(slug, email))!;
      expect(customer.balance).toBe(25);
      let state = await linkingState(slug);
      expect(state.profiles).toEqual([{ handle: expect.stringMatching(/^\d+$/), customerId: customer.customerId, status: "ACTIVE", hasToken: true }]);
      expect(state.consents).toEqual([{ allowPosting: false, revoked: false }]);
      expect(state.linkEntries).toEqual([25]);
      await fan.getByRole("link", { name: "My points" }).click();
      await expect(fan.getByTestId("portal-balance")).toHaveText("25");

      // Unlink: Foursquare has no revoke for apps; our copy goes, and the page says so.
      await fan.getByRole("link", { name: "Linked accounts" }).click();
      await fan.getByTestId("linked-foursquare").getByRole("button", { name: "Unlink Lena" }).click();
      await expect(fan.getByRole("status").filter({ hasText: "Unlinked" })).toContainText("we deleted our copy of its access");
      await expect(fan.getByText("No account is linked yet.")).toBeVisible();
      state = await linkingState(slug);
      expect(state.profiles).toEqual([expect.objectContaining({ customerId: null, status: "REVOKED", hasToken: false })]);
      expect(state.consents).toEqual([{ allowPosting: false, revoked: true }]);

      // Relinking pays nothing twice.
      await fan.getByTestId("connect-foursquare").getByRole("button", { name: "Continue to Foursquare" }).click();
      await fan.locator("#username").fill(swarmUser);
      await fan.locator("#approve").click();
      await fan.waitForURL(new RegExp(`/r/${slug}/accounts\\?linked=`));
      await expect(fan.getByTestId("linked-foursquare")).toContainText("Lena");
      expect((await linkingState(slug)).linkEntries).toEqual([25]);
      expect((await portalCustomer(slug, email))!.balance).toBe(25);
      await context.close();
    });
  });
}
