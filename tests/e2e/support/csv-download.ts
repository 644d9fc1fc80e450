import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";

/** Clicks an export link and returns the downloaded CSV's rows, after checking the BOM spreadsheets need. */
export async function downloadCsv(page: Page, link: Locator): Promise<string[][]> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const text = await readFile(await file.path(), "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = parse(text.slice(1));
  return rows;
}
