import { expect, test, type Page } from "@playwright/test";
import { freshResetPath, resetState } from "./support/reset-link";
import { signIn, signUp } from "./support/session";

const NEW_PASSWORD = "a brand new e2e password";

async function requestReset(page: Page, email: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.waitForURL("**/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that address");
}

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 390, height: 844 } },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("a forgotten password is reset through the emailed link, once", async ({ browser, page }) => {
      const account = await signUp(page, "Reset");
      const before = await resetState(account.email);
      expect(before).toMatchObject({ open: 0, used: 0 });

      const visitor = await (await browser.newContext({ viewport: viewport.size })).newPage();
      // An unknown address gets exactly the same answer and creates nothing.
      await requestReset(visitor, `nobody-${account.email}`);
      await requestReset(visitor, account.email);
      expect(await resetState(account.email)).toMatchObject({ open: 1, used: 0 });

      const link = await freshResetPath(account.email);
      await visitor.goto(link);
      await expect(visitor.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
      await visitor.getByLabel("New password").fill("short");
      await visitor.getByRole("button", { name: "Set new password" }).click();
      // The hint says "at least 10" before any submit, so wait for the answer itself: the field
      // marked invalid. Typing before it arrives races the pending submit and its form reset.
      await expect(visitor.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
      await expect(visitor.getByText("use at least 10 characters")).toBeVisible();
      await expect(visitor.getByRole("button", { name: "Set new password" })).toBeEnabled();
      expect(await resetState(account.email)).toMatchObject({ open: 1, used: 0, passwordHash: before.passwordHash });

      await visitor.getByLabel("New password").fill(NEW_PASSWORD);
      await visitor.getByRole("button", { name: "Set new password" }).click();
      await expect(visitor.getByRole("status")).toContainText("Your password is changed");
      const after = await resetState(account.email);
      expect(after).toMatchObject({ open: 0, used: 1 });
      expect(after.passwordHash).not.toBe(before.passwordHash);

      // The reset ended the session the sign-up opened.
      await page.goto(`/t/${account.slug}`);
      await page.waitForURL(/\/signin/);

      // Single use: the same link now says so.
      await visitor.goto(link);
      await expect(visitor.getByRole("heading", { name: "This reset link can't be used" })).toBeVisible();

      await signIn(visitor, account.email, NEW_PASSWORD);
      await visitor.waitForURL(`**/t/${account.slug}`);
      await expect(visitor.getByRole("heading", { level: 1, name: account.brand })).toBeVisible();
    });
  });
}
