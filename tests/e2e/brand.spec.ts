import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { pngBytes, SVG_WITH_SCRIPT } from "../integration/support/test-images";
import { createMember } from "./support/db";
import { signIn, signUp } from "./support/session";

// Settings → Brand: an admin sets the colour and uploads a logo, sees both in the preview, and the
// served image is the uploaded file; an SVG is refused; removing the logo deletes its image. Each
// step is checked against the database. A viewer sees the brand but no way to change it.

async function appearance(slug: string): Promise<{ brandColor: string | null; logoKey: string | null }> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ brandColor: string | null; logoKey: string | null }>(`SELECT "brandColor", "logoKey" FROM "Tenant" WHERE slug = $1`, [
      slug,
    ]);
    return rows[0]!;
  } finally {
    await client.end();
  }
}

async function openScreen(page: Page, slug: string) {
  await page.goto(`/t/${slug}/settings`);
  await page.getByRole("link", { name: "Brand", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Brand" })).toBeVisible();
}

const css = (page: Page, property: "background-color" | "color") =>
  page.getByTestId("brand-preview").evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

test("a logo of exactly 2 MB goes through the server action; one byte more is refused with the reason", async ({ page }) => {
  const account = await signUp(page, "Big");
  await openScreen(page, account.slug);
  const limit = 2 * 1024 * 1024;
  const over = Buffer.from(pngBytes(10, 10, [0, 0, 0], limit + 1));
  await page.getByLabel("Logo").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: over });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByText("the image is larger than 2 MB")).toBeVisible();
  expect((await appearance(account.slug)).logoKey).toBeNull();

  const atLimit = Buffer.from(pngBytes(10, 10, [0, 0, 0], limit));
  await page.getByLabel("Logo").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: atLimit });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The new logo is saved." })).toBeVisible();
  const { logoKey } = await appearance(account.slug);
  const served = await page.request.get(`/media/${logoKey}`);
  expect(served.status()).toBe(200);
  expect(Buffer.from(await served.body()).equals(atLimit)).toBe(true);
});

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 390, height: 844 } },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("an admin sets the colour, uploads a logo and sees both; the served image is the file; an SVG is refused", async ({ page }) => {
      const account = await signUp(page, "Look");
      await openScreen(page, account.slug);
      // Megaphone's colour until the brand picks one.
      await expect.poll(() => css(page, "background-color")).toBe("rgb(200, 67, 16)");

      await page.getByLabel("Brand colour").fill("#1d4ed8");
      await page.getByRole("button", { name: "Save colour" }).click();
      await expect(page.getByRole("status").filter({ hasText: "The brand colour is now #1d4ed8." })).toBeVisible();
      expect((await appearance(account.slug)).brandColor).toBe("#1d4ed8");
      await expect.poll(() => css(page, "background-color")).toBe("rgb(29, 78, 216)");
      expect(await css(page, "color")).toBe("rgb(255, 255, 255)");

      const logoInput = page.getByLabel("Logo");
      await logoInput.setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(SVG_WITH_SCRIPT) });
      await page.getByRole("button", { name: "Upload logo" }).click();
      await expect(page.getByText("use a PNG, JPEG, WebP or GIF image (SVG and other files are not accepted)")).toBeVisible();
      expect((await appearance(account.slug)).logoKey).toBeNull();

      const png = Buffer.from(pngBytes(40, 20, [250, 204, 21]));
      await page.getByLabel("Logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
      await page.getByRole("button", { name: "Upload logo" }).click();
      await expect(page.getByRole("status").filter({ hasText: "The new logo is saved." })).toBeVisible();
      const { logoKey } = await appearance(account.slug);
      expect(logoKey).toMatch(/^ten_[0-9a-f]+\/logo\/[0-9a-f]{32}\.png$/);
      const logo = page.getByTestId("brand-logo");
      await expect(logo).toHaveAttribute("src", `/media/${logoKey}`);
      await expect(logo).toHaveAttribute("alt", `${account.brand} logo`);
      // The browser decoded it: the image shown is the 40×20 file uploaded.
      await expect.poll(() => logo.evaluate((img: HTMLImageElement) => `${img.naturalWidth}x${img.naturalHeight}`)).toBe("40x20");

      const served = await page.request.get(`/media/${logoKey}`);
      expect(served.status()).toBe(200);
      expect(served.headers()["content-type"]).toBe("image/png");
      expect(served.headers()["x-content-type-options"]).toBe("nosniff");
      expect(served.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(served.headers()["content-security-policy"]).toContain("sandbox");
      expect(Buffer.from(await served.body()).equals(png)).toBe(true);

      await page.getByRole("button", { name: "Remove logo" }).click();
      await expect(page.getByRole("status").filter({ hasText: "The logo is removed." })).toBeVisible();
      expect((await appearance(account.slug)).logoKey).toBeNull();
      await expect(page.getByTestId("brand-logo")).toHaveCount(0);
      expect((await page.request.get(`/media/${logoKey}`)).status()).toBe(404);
    });

    test("a viewer sees the brand's look but cannot change it", async ({ page, browser }) => {
      const account = await signUp(page, "Viewed");
      await openScreen(page, account.slug);
      await page.getByLabel("Brand colour").fill("#fde047");
      await page.getByRole("button", { name: "Save colour" }).click();
      await expect(page.getByRole("status").filter({ hasText: "The brand colour is now #fde047." })).toBeVisible();

      const email = await createMember(account.slug, "VIEWER");
      const context = await browser.newContext({ viewport: viewport.size });
      const viewer = await context.newPage();
      await signIn(viewer, email);
      await viewer.waitForURL(/\/t\//);
      await openScreen(viewer, account.slug);
      await expect(viewer.getByText("Only admins and the owner can change the brand's colour and logo.")).toBeVisible();
      await expect(viewer.getByRole("button", { name: "Save colour" })).toHaveCount(0);
      await expect(viewer.getByRole("button", { name: "Upload logo" })).toHaveCount(0);
      // A light colour gets black text.
      await expect.poll(() => css(viewer, "color")).toBe("rgb(0, 0, 0)");
      await context.close();
    });
  });
}
