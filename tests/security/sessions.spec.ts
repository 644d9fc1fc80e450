import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createMember } from "../e2e/support/db";
import { PASSWORD, signIn, signUp, type Account } from "../e2e/support/session";

/**
 * Sessions that end (issue 9, item 5), in the browser: a session cookie copied into a second
 * browser (a stolen cookie, or another device) stops working when the first signs out,
 * signs out everywhere, or changes the password.
 */

async function signedInThroughTheForm(browser: Browser, label: string): Promise<{ context: BrowserContext; page: Page; account: Account }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = await signUp(page, label);
  await context.clearCookies();
  await signIn(page, account.email, PASSWORD);
  await page.waitForURL(`**/t/${account.slug}`);
  return { context, page, account };
}

/** A second browser holding a copy of the first one's session cookie, signed in as it. */
async function copyOfSession(browser: Browser, from: BrowserContext, account: Account): Promise<Page> {
  const cookies = (await from.cookies()).filter((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookies).toHaveLength(1);
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto(`/t/${account.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: account.brand })).toBeVisible();
  return page;
}

async function expectSignedOut(page: Page, account: Account): Promise<void> {
  await page.goto(`/t/${account.slug}/customers`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  // An API call with the same cookie is refused too.
  const response = await page.request.get(`/api/v1/tenants/${account.slug}/customers`);
  expect(response.status()).toBe(401);
}

test("signing out ends the session for a copy of its cookie too", async ({ browser }) => {
  const { context, page, account } = await signedInThroughTheForm(browser, "Signout");
  const copy = await copyOfSession(browser, context, account);

  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/signin/);

  await expectSignedOut(copy, account);
});

test("sign out everywhere ends every browser's session", async ({ browser }) => {
  const { context, page, account } = await signedInThroughTheForm(browser, "Everywhere");
  const copy = await copyOfSession(browser, context, account);

  // The menu item opens the confirmation on the account page.
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("link", { name: "Sign out everywhere…" }).click();
  await page.waitForURL("**/account#sign-out-everywhere");
  await page.getByRole("main").getByRole("button", { name: "Sign out everywhere" }).click();
  await page.waitForURL(/\/signin/);

  await expectSignedOut(copy, account);
  await expectSignedOut(page, account);
});

test.describe("the account page on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("changes the password (every other copy of the session signed out, this browser kept) and signs out everywhere", async ({ browser }) => {
    const { context, page, account } = await signedInThroughTheForm(browser, "Phone");
    const copy = await copyOfSession(browser, context, account);

    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("link", { name: "Account", exact: true }).click();
    await page.waitForURL("**/account");
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByLabel("Current password").fill("not the password at all");
    await page.getByLabel("New password").fill("a new e2e password here");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("your current password is not right")).toBeVisible();

    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password").fill("a new e2e password here");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();

    await expectSignedOut(copy, account);
    await page.goto(`/t/${account.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: account.brand })).toBeVisible();

    await page.goto("/account");
    await page.getByRole("main").getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL(/\/signin/);
    await expectSignedOut(page, account);

    await signIn(page, account.email, "a new e2e password here");
    await page.waitForURL(`**/t/${account.slug}`);
  });
});

test("a role change signs the member out at once, and a removed member loses the brand", async ({ browser }) => {
  const owner = await signedInThroughTheForm(browser, "Team");
  const email = await createMember(owner.account.slug, "MARKETER");
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, email, PASSWORD);
  await member.waitForURL(`**/t/${owner.account.slug}`);

  const { page } = owner;
  await page.goto(`/t/${owner.account.slug}/settings/members`);
  await page.getByLabel("Role of MARKETER person", { exact: true }).selectOption("VIEWER");
  await page.getByRole("button", { name: "Change role of MARKETER person" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role changed" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Role of MARKETER person", { exact: true })).toHaveValue("VIEWER");

  await expectSignedOut(member, owner.account);
  await signIn(member, email, PASSWORD);
  await member.waitForURL(`**/t/${owner.account.slug}`);

  await page.getByText("Remove…").click();
  await page.getByRole("button", { name: "Remove MARKETER person" }).click();
  await expect(page.getByRole("row", { name: /MARKETER person/ })).toHaveCount(0);

  await expectSignedOut(member, owner.account);
  await signIn(member, email, PASSWORD);
  // Signed in (no longer on /signin), with no brand left: only then is the 404 the brand's answer.
  await member.waitForURL((url) => !url.pathname.startsWith("/signin"));
  const response = await member.goto(`/t/${owner.account.slug}`);
  expect(response?.status()).toBe(404);
});
