import { expect, test, type Page } from "@playwright/test";

/**
 * Issue 13 item 3: the landing page's API link opens the reference, which draws every operation
 * of the OpenAPI document with Swagger UI from this app's own assets (no CDN), under the page's CSP,
 * on a phone and a desktop.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 780 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

function watchCspAndForeignRequests(page: Page, origin: string) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && url.origin !== origin) problems.push(`foreign request: ${request.url()}`);
  });
  return problems;
}

for (const { name, size } of VIEWPORTS) {
  test.describe(`the API reference on a ${name}`, () => {
    test.use({ viewport: size });

    test("is linked from the landing page and lists every documented operation", async ({ page, request, baseURL }) => {
      const problems = watchCspAndForeignRequests(page, new URL(baseURL!).origin);
      const doc = (await (await request.get("/api/v1/openapi.json")).json()) as {
        openapi: string;
        paths: Record<string, Record<string, { operationId: string }>>;
      };
      expect(doc.openapi).toBe("3.1.0");
      const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));

      await page.goto("/");
      await page.getByRole("link", { name: "read its reference" }).click();
      await page.waitForURL(/\/docs\/api$/);
      await expect(page.getByRole("heading", { level: 1, name: "Megaphone API reference" })).toBeVisible();
      const reference = page.getByTestId("api-reference");
      await expect(reference.locator(".opblock")).toHaveCount(operations.length, { timeout: 30_000 });
      await expect(reference.getByText("/tenants/{tenant}/customers/{id}", { exact: true }).first()).toBeVisible();
      await expect(reference).toContainText("Megaphone API");
      expect(problems).toEqual([]);
    });
  });
}
