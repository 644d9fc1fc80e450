import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "e2e correct horse battery";

export interface Account {
  name: string;
  email: string;
  brand: string;
  slug: string;
}

/** Signs up through the UI (each spec makes its own tenant) and returns where it landed. */
export async function signUp(page: Page, label = "Brand"): Promise<Account> {
  const id = randomUUID().slice(0, 8);
  const account = { name: `Owner ${id}`, email: `owner-${id}@e2e.test`, brand: `${label} ${id}` };
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Brand name").fill(account.brand);
  await page.getByRole("button", { name: "Create account" }).click();
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
