import { expect, test } from "@playwright/test";
import { formatUtc } from "../../src/features/campaigns/campaign-labels";
import { withClient } from "./support/db";
import { expectNoHorizontalScroll } from "./support/layout";
import { signUp } from "./support/session";

/**
 * Issue 13 item 1 on a phone and a desktop: the owner opens Settings → API keys, is refused a key
 * without a scope, creates one (the secret shown once; the database holds its hash and the prefix
 * shown), calls the API with it (RateLimit headers; last use then shown), and revokes it (the next
 * call is 401). A hostile key name is text, never markup.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 780 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];
const NAME = `POS <img src=x onerror="window.__pwned=1"> ${"🧾".repeat(10)} نقطة البيع`;

const keysOf = (slug: string) =>
  withClient(
    async (c) =>
      (
        await c.query<{ id: string; name: string; prefix: string; scopes: string[]; keyHash: string; lastUsedAt: Date | null; revokedAt: Date | null }>(
          `SELECT k.id, k.name, k.prefix, k.scopes, k."keyHash", k."lastUsedAt", k."revokedAt" FROM "ApiKey" k JOIN "Tenant" t ON t.id = k."tenantId" WHERE t.slug = $1`,
          [slug],
        )
      ).rows,
  );

for (const { name, size } of VIEWPORTS) {
  test.describe(`API keys on a ${name}`, () => {
    test.use({ viewport: size });

    test("create a scoped key, call the API with it, see its last use, revoke it", async ({ page, request }) => {
      const account = await signUp(page, "Keys");
      await page.goto(`/t/${account.slug}/settings`);
      await page.getByRole("link", { name: "API keys" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
      await expect(page.getByTestId("no-api-keys")).toHaveText("No key yet.");

      // No scope chosen: refused with the reason, nothing stored.
      const form = page.getByRole("form", { name: "Create an API key" });
      await form.getByLabel("Name").fill(NAME);
      await form.getByRole("button", { name: "Create key" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "choose at least one scope" })).toBeVisible();
      expect(await keysOf(account.slug)).toEqual([]);

      await form.getByRole("checkbox", { name: "Read Customers" }).check();
      await form.getByLabel("Expires").selectOption("30");
      await form.getByRole("button", { name: "Create key" }).click();
      const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
      expect(secret).toMatch(/^mgp_/);
      const [stored] = await keysOf(account.slug);
      expect(stored).toMatchObject({ name: NAME, prefix: secret.slice(0, 12), scopes: ["customers:read"], lastUsedAt: null, revokedAt: null });
      expect(stored!.keyHash).not.toContain(secret.slice(4));
      const item = page.getByTestId("api-key");
      await expect(item).toHaveCount(1);
      await expect(item).toContainText(NAME);
      await expect(item.getByTestId("api-key-prefix")).toHaveText(`${stored!.prefix}…`);
      await expect(item.getByTestId("api-key-scopes")).toHaveText("customers:read");
      await expect(item.getByTestId("api-key-last-used")).toHaveText("never");
      await expectNoHorizontalScroll(page);

      // Another system calls the API with it.
      const listed = await request.get(`/api/v1/tenants/${account.slug}/customers`, { headers: { authorization: `Bearer ${secret}` } });
      expect(listed.status()).toBe(200);
      expect(listed.headers()["ratelimit-remaining"]).toBeDefined();
      const written = await request.post(`/api/v1/tenants/${account.slug}/customers`, {
        headers: { authorization: `Bearer ${secret}` },
        data: { displayName: "Not allowed", emails: ["no@keys.test"] },
      });
      expect(written.status()).toBe(403);

      // The secret is not on the page any more; the last use is.
      await page.reload();
      await expect(page.getByTestId("new-api-key")).toHaveCount(0);
      expect(await page.content()).not.toContain(secret);
      const [used] = await keysOf(account.slug);
      expect(used!.lastUsedAt).not.toBeNull();
      await expect(item.getByTestId("api-key-last-used")).toHaveText(formatUtc(used!.lastUsedAt!.toISOString()));

      // Revoked: shown so, and the next call is refused.
      await item.getByText("Revoke…").click();
      await item.getByRole("button", { name: /^Revoke the key/ }).click();
      await expect(item).toContainText("Revoked");
      expect((await keysOf(account.slug))[0]!.revokedAt).not.toBeNull();
      const refused = await request.get(`/api/v1/tenants/${account.slug}/customers`, { headers: { authorization: `Bearer ${secret}` } });
      expect(refused.status()).toBe(401);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      await expectNoHorizontalScroll(page);
    });
  });
}
