import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { freshConfirmationPath } from "./signup-link";

export const PASSWORD = "e2e correct horse battery";

export interface Account {
  name: string;
  email: string;
  brand: string;
  slug: string;
}

/** Fills and sends the sign-up form; the answer is always "check your email". */
export async function requestSignUp(page: Page, account: { name: string; email: string; brand: string }, password = PASSWORD): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Brand name").fill(account.brand);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

/**
 * Signs up through the UI (each spec makes its own tenant): the form, then the emailed
 * confirmation link (minted afresh, see signup-link.ts) and the password, and returns where it landed.
 */
export async function signUp(page: Page, label = "Brand"): Promise<Account> {
  const id = randomUUID().slice(0, 8);
  const account = { name: `Owner ${id}`, email: `owner-${id}@e2e.test`, brand: `${label} ${id}` };
  await requestSignUp(page, account);
  await page.goto(await freshConfirmationPath(account.email));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Confirm and open my brand" }).click();
  await page.waitForURL(/\/t\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: account.brand })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  return { ...account, slug };
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
