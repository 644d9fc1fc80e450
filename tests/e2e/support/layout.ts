import { expect, type Page } from "@playwright/test";

/** The page is no wider than the viewport (long names and tables must wrap or scroll inside their box). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}
