import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support/session";

async function createCustomer(page: Page, slug: string, name: string, emails: string[]) {
  await page.goto(`/t/${slug}/customers/new`);
  await page.getByLabel("Name").fill(name);
  await page.getByRole("textbox", { name: "Primary email" }).fill(emails[0]!);
  for (const [index, email] of emails.slice(1).entries()) {
    await page.getByRole("button", { name: "Add another email" }).click();
    await page.getByRole("textbox", { name: `Email ${index + 2}`, exact: true }).fill(email);
  }
  await page.getByRole("button", { name: "Create customer" }).click();
}

test("a marketer creates, finds and edits customers", async ({ page }) => {
  const account = await signUp(page, "Crm");
  await page.getByRole("navigation", { name: "Brand" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { name: "No customers yet" })).toBeVisible();

  await createCustomer(page, account.slug, "Ada Lovelace", ["ada@analytical.test", "countess@lovelace.test"]);
  await expect(page.getByRole("status").filter({ hasText: "Customer created." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeVisible();
  await expect(page.getByText("countess@lovelace.test")).toBeVisible();

  await createCustomer(page, account.slug, "Grace Hopper", ["grace@navy.test"]);
  // Wait for the save to land before leaving the page (navigating away would race the action).
  await expect(page.getByRole("heading", { level: 1, name: "Grace Hopper" })).toBeVisible();
  await page.goto(`/t/${account.slug}/customers`);
  await expect(page.getByRole("table", { name: "Customers" }).getByRole("row")).toHaveCount(3);

  // search by a secondary email finds Ada only
  await page.getByRole("searchbox", { name: "Search customers" }).fill("countess@");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=countess/);
  const rows = page.getByRole("table", { name: "Customers" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Ada Lovelace");

  // edit
  await rows.nth(1).getByRole("link", { name: "Ada Lovelace" }).click();
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Name").fill("Augusta Ada King");
  await page.getByLabel("Lifecycle stage").selectOption("ADVOCATE");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Augusta Ada King" })).toBeVisible();
  await expect(page.locator("h1 + p").getByText("Advocate", { exact: true })).toBeVisible(); // the stage badge beside the name
  await expect(page.getByTestId("stage-change").first()).toContainText("Advocate");

  await page.goto(`/t/${account.slug}/customers?stage=ADVOCATE`);
  await expect(page.getByRole("table", { name: "Customers" })).toContainText("Augusta Ada King");
  await expect(page.getByRole("table", { name: "Customers" })).not.toContainText("Grace Hopper");
});

test("a duplicate email is refused with an inline error and nothing is created", async ({ page }) => {
  const account = await signUp(page, "Dupes");
  await createCustomer(page, account.slug, "First", ["same@example.test"]);
  await expect(page.getByRole("heading", { level: 1, name: "First" })).toBeVisible();
  await createCustomer(page, account.slug, "Second", ["SAME@example.test"]);
  await expect(page.getByText("already used by another customer: same@example.test")).toBeVisible();
  await expect(page).toHaveURL(/\/customers\/new$/);
  // what the user typed is still there to correct
  await expect(page.getByLabel("Name")).toHaveValue("Second");
  await expect(page.getByRole("textbox", { name: "Primary email" })).toHaveValue("SAME@example.test");
  await page.goto(`/t/${account.slug}/customers`);
  await expect(page.getByRole("table", { name: "Customers" }).getByRole("row")).toHaveCount(2);
});

test("an owner deletes a customer", async ({ page }) => {
  const account = await signUp(page, "Delete");
  await createCustomer(page, account.slug, "Temporary Person", ["temp@example.test"]);
  await page.getByText("Delete this customer…").click();
  await page.getByRole("button", { name: "Delete Temporary Person" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The customer was deleted." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No customers yet" })).toBeVisible();
});
