import { expect, test } from "@playwright/test";
import { signUp } from "./support/session";

test("a marketer builds a segment, a campaign targets it, and the segment cannot vanish under the campaign", async ({ page, baseURL }) => {
  const account = await signUp(page, "Fanclub");
  const origin = { Origin: baseURL! };
  for (const [displayName, lifecycleStage] of [
    ["Ada Loyal", "LOYAL"],
    ["Grace Advocate", "ADVOCATE"],
    ["Alan Customer", "CUSTOMER"],
  ] as const) {
    const created = await page.request.post(`/api/v1/tenants/${account.slug}/customers`, {
      headers: origin,
      data: { displayName, emails: [`${displayName.split(" ")[0]!.toLowerCase()}@segments.test`], lifecycleStage },
    });
    expect(created.status()).toBe(201);
  }

  await page.getByRole("navigation", { name: "Brand" }).getByRole("link", { name: "Segments" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${account.slug}/segments$`));
  await expect(page.getByRole("heading", { name: "No segments yet" })).toBeVisible();
  await page.getByRole("link", { name: "New segment" }).first().click();

  // Refused: each message sits on its field, and what was typed stays.
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Loyal fans");
  await page.getByLabel("Loyal", { exact: true }).check();
  await page.getByLabel("Min followers").fill("-5");
  await page.getByLabel("Min points balance").fill("2.5");
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The segment was not saved" })).toBeVisible();
  await expect(page.getByLabel("Min followers")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("0 or more")).toBeVisible();
  await expect(page.getByLabel("Min points balance")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("enter a whole number", { exact: true })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("Loyal fans");
  await expect(page.getByLabel("Loyal", { exact: true })).toBeChecked();
  await expect(page).toHaveURL(/\/segments\/new$/);

  // No condition at all is refused too.
  await page.getByLabel("Loyal", { exact: true }).uncheck();
  await page.getByLabel("Min followers").fill("");
  await page.getByLabel("Min points balance").fill("");
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The segment was not saved" })).toContainText("choose at least one condition");

  await page.getByLabel("Loyal", { exact: true }).check();
  await page.getByLabel("Advocate", { exact: true }).check();
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Segment created." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Loyal fans" })).toBeVisible();
  await expect(page.getByText("2 customers match right now.")).toBeVisible();
  const members = page.getByRole("table", { name: "Segment members" });
  await expect(members.getByRole("row")).toHaveCount(3);
  await expect(members).toContainText("Ada Loyal");
  await expect(members).toContainText("Grace Advocate");
  await expect(members).not.toContainText("Alan Customer");

  await page.getByRole("link", { name: "Segments", exact: true }).first().click();
  const row = page.getByRole("table", { name: "Segments" }).getByRole("row").filter({ hasText: "Loyal fans" });
  await expect(row).toContainText("Loyal or Advocate");
  await expect(row).toContainText("2");

  // A campaign picks the segment in its form.
  await page.getByRole("navigation", { name: "Brand" }).getByRole("link", { name: "Campaigns" }).click();
  await page.getByRole("link", { name: "New campaign" }).first().click();
  const utcMinute = (offsetHours: number) => new Date(Date.now() + offsetHours * 3_600_000).toISOString().slice(0, 16);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Fans double");
  await page.getByLabel("Multiplier").fill("2");
  await page.getByLabel("Starts (UTC)").fill(utcMinute(-1));
  await page.getByLabel("Ends (UTC)").fill(utcMinute(24 * 7));
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Loyal fans" });
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Campaign created." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Campaigns" }).getByRole("row").filter({ hasText: "Fans double" })).toContainText("Loyal fans");

  // The segment shows who targets it, and offers no delete while it is targeted.
  await page.goto(`/t/${account.slug}/segments`);
  await expect(page.getByRole("table", { name: "Segments" }).getByRole("row").filter({ hasText: "Loyal fans" })).toContainText("Fans double");
  await page.getByRole("link", { name: "Loyal fans" }).click();
  await expect(page.getByRole("link", { name: "Fans double" })).toBeVisible();
  await expect(page.getByText("To delete this segment, first give the campaigns that target it another segment")).toBeVisible();

  // Let the campaign go, then delete the segment.
  await page.getByRole("link", { name: "Fans double" }).click();
  await expect(page.getByLabel("Segment", { exact: true })).toHaveValue(/^seg_/);
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Every customer" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Campaigns" }).getByRole("row").filter({ hasText: "Fans double" })).toContainText("Every customer");

  await page.goto(`/t/${account.slug}/segments`);
  await page.getByRole("link", { name: "Loyal fans" }).click();
  await page.getByText("Delete this segment…").click();
  await page.getByRole("button", { name: "Delete Loyal fans" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Segment deleted." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No segments yet" })).toBeVisible();
});
