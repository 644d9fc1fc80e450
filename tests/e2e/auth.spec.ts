import { expect, test } from "@playwright/test";
import { addMembership } from "./support/db";
import { PASSWORD, signIn, signUp } from "./support/session";

test("sign-up creates a brand, sign-out ends the session, sign-in returns to it", async ({ page }) => {
  const account = await signUp(page, "Tasti");
  await expect(page.getByRole("navigation", { name: "Brand" }).getByRole("link", { name: "Customers" })).toBeVisible();

  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  await page.goto(`/t/${account.slug}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  await signIn(page, account.email, "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is incorrect." })).toBeVisible();

  await signIn(page, account.email.toUpperCase(), PASSWORD);
  await page.waitForURL(`**/t/${account.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: account.brand })).toBeVisible();
});

test("sign-up shows field errors; an address that already has an account gets the answer a new one gets, and no session", async ({ page }) => {
  const first = await signUp(page, "Dup");
  await page.context().clearCookies();
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Second");
  await page.getByLabel("Work email").fill(first.email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Brand name").fill("X");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("use at least 10 characters")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Brand name").fill("Second brand");
  await page.getByRole("button", { name: "Create account" }).click();
  // Exactly what a fresh address sees (its owner is emailed instead); nobody is signed in.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(`We sent a message to ${first.email}.`)).toBeVisible();
  await expect(page.getByText("already registered")).toHaveCount(0);
  await expect(page).toHaveURL(/\/signup$/);
  await page.goto(`/t/${first.slug}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("a member of two brands switches between them", async ({ browser }) => {
  const other = await browser.newPage();
  const second = await signUp(other, "Second");
  await other.close();

  const page = await browser.newPage();
  const first = await signUp(page, "First");
  await addMembership(first.email, second.slug, "VIEWER");
  await page.reload();
  await page.getByRole("button", { name: /Switch brand/ }).click();
  await page.getByRole("link", { name: new RegExp(second.brand) }).click();
  await page.waitForURL(`**/t/${second.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: second.brand })).toBeVisible();
  // A viewer sees the customers but is not offered the way to add one.
  await page.getByRole("navigation", { name: "Brand" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add customer" })).toHaveCount(0);
});
