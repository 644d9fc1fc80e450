import { expect, test } from "@playwright/test";
import { e2eQuery, tenantIdOf } from "../security/support/e2e-world";
import { signUp } from "./support/session";

// Settings → Privacy: the admin reads the program terms and what customers accepted (figures from
// the database), sets the link to the brand's privacy policy (an unsafe address refused with the
// reason, nothing saved), and the portal shows the link under its pages.

/** Two customers who joined: one on the current terms, one on an older version. */
async function seedAcceptances(slug: string): Promise<void> {
  const tenantId = await tenantIdOf(slug);
  for (const [name, version] of [
    ["Pat Privacy", "program-2026-12"],
    ["Old Terms", "program-2025-01"],
  ]) {
    const [customer] = await e2eQuery<{ id: string }>(`INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt") VALUES ($1, $2, now()) RETURNING id`, [
      tenantId,
      name,
    ]);
    await e2eQuery(`INSERT INTO "ConsentRecord" ("tenantId", "customerId", scopes, "policyVersion") VALUES ($1, $2, ARRAY['rewards-program'], $3)`, [
      tenantId,
      customer!.id,
      version,
    ]);
  }
}

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 390, height: 844 } },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("the admin reads what customers accepted and links the brand's privacy policy from the portal", async ({ page }) => {
      const account = await signUp(page, "Privacy");
      await seedAcceptances(account.slug);
      await page.goto(`/t/${account.slug}/settings`);
      await page.getByRole("link", { name: "Privacy", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();

      const terms = page.getByTestId("program-terms");
      await expect(terms).toContainText(`${account.brand} keeps your name, your email address and your points history`);
      const figures = page.getByTestId("consent-figures");
      await expect(figures).toContainText("1 customer on program-2026-12");
      await expect(figures).toContainText("1 customer on program-2025-01");
      await expect(figures.locator("dd").nth(1)).toHaveText("0 customers");
      await expect(page.getByTestId("privacy-acts")).toContainText("In the last 30 days: 0 customers erased, 0 exports by your team or the API.");

      const field = page.getByLabel("Privacy policy address");
      await field.fill("javascript:alert(document.cookie)");
      await page.getByRole("button", { name: "Save link" }).click();
      await expect(page.getByText("enter a full https:// address, or leave it empty")).toBeVisible();
      await expect(field).toHaveValue("javascript:alert(document.cookie)");
      expect(await e2eQuery(`SELECT "privacyPolicyUrl" FROM "Tenant" WHERE slug = $1`, [account.slug])).toEqual([{ privacyPolicyUrl: null }]);

      await field.fill("https://brand.example/privacy");
      await page.getByRole("button", { name: "Save link" }).click();
      await expect(page.getByRole("status").filter({ hasText: "The portal now links to your privacy policy." })).toBeVisible();
      expect(await e2eQuery(`SELECT "privacyPolicyUrl" FROM "Tenant" WHERE slug = $1`, [account.slug])).toEqual([
        { privacyPolicyUrl: "https://brand.example/privacy" },
      ]);
      await expect(page.getByLabel("Privacy policy address")).toHaveValue("https://brand.example/privacy");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.size.width);

      await page.goto(`/r/${account.slug}`);
      const policy = page.getByRole("link", { name: `${account.brand}'s privacy policy` });
      await expect(policy).toHaveAttribute("href", "https://brand.example/privacy");
      await expect(policy).toHaveAttribute("rel", /noopener/);
    });
  });
}
