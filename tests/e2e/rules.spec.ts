import { expect, test } from "@playwright/test";
import { createMember } from "./support/db";
import { signIn, signUp } from "./support/session";

test("an owner creates a point rule, is refused absurd points, and disables the rule", async ({ page }) => {
  const account = await signUp(page, "Rules");
  await page.getByRole("navigation", { name: "Brand" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Point rules" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${account.slug}/settings/rules$`));
  await expect(page.getByRole("heading", { name: "No point rules yet" })).toBeVisible();

  await page.getByRole("link", { name: "New rule" }).first().click();
  await page.getByLabel("Network").selectOption("TWITTER");
  await page.getByLabel("Action").selectOption("MENTION");
  await page.getByLabel("Name").fill("Brand mention");
  await page.getByLabel("Base points").fill("10000");
  await page.getByLabel("Influence curve").selectOption("LINEAR");
  await page.getByLabel("Max multiplier").fill("20");
  await page.getByLabel("Daily cap").fill("");
  await page.getByRole("button", { name: "Create rule" }).click();

  // refused: the message names both fields, the form keeps what was typed, nothing is created
  await expect(page.getByRole("alert").filter({ hasText: "The rule was not saved" })).toBeVisible();
  await expect(page.getByText("base points × max multiplier = 10,000 × 20 = 200,000").first()).toBeVisible();
  await expect(page.getByLabel("Base points")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Max multiplier")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveValue("Brand mention");
  await expect(page.getByLabel("Influence curve")).toHaveValue("LINEAR");
  await expect(page).toHaveURL(/\/settings\/rules\/new$/);

  await page.getByLabel("Base points").fill("10");
  await page.getByLabel("Max multiplier").fill("3");
  await page.getByLabel("Daily cap").fill("100");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rule created." })).toBeVisible();

  const table = page.getByRole("table", { name: "X (Twitter) rules" });
  const row = table.getByRole("row").filter({ hasText: "Brand mention" });
  await expect(row).toContainText("Mention");
  await expect(row).toContainText("Linear, factor 0.5, up to ×3");
  await expect(row).toContainText("Enabled");

  await row.getByRole("button", { name: "Disable Brand mention" }).click();
  await expect(row).toContainText("Disabled");
  await expect(row.getByRole("button", { name: "Enable Brand mention" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("table", { name: "X (Twitter) rules" }).getByRole("row").filter({ hasText: "Brand mention" })).toContainText("Disabled");

  // edit: a daily cap below the base points is refused on the field; a valid change is saved
  await page.getByRole("link", { name: "Brand mention" }).click();
  await page.getByLabel("Daily cap").fill("5");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("the daily cap (5) must be at least the base points (10)")).toBeVisible();
  await page.getByLabel("Daily cap").fill("50");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByRole("table", { name: "X (Twitter) rules" }).getByRole("row").filter({ hasText: "Brand mention" })).toContainText("50");
});

test("a viewer sees the rules and campaigns but cannot change them", async ({ page, browser, baseURL }) => {
  const account = await signUp(page, "ReadOnly");
  const created = await page.request.post(`/api/v1/tenants/${account.slug}/rules`, {
    headers: { Origin: baseURL! },
    data: { network: "FOURSQUARE", action: "CHECKIN", name: "Venue check-in", basePoints: 5, influenceCurve: "NONE" },
  });
  expect(created.status()).toBe(201);

  const viewerEmail = await createMember(account.slug, "VIEWER");
  const viewer = await browser.newPage();
  await signIn(viewer, viewerEmail);
  await viewer.waitForURL(`**/t/${account.slug}`);
  await viewer.goto(`/t/${account.slug}/settings/rules`);
  const row = viewer.getByRole("table", { name: "Foursquare rules" }).getByRole("row").filter({ hasText: "Venue check-in" });
  await expect(row).toContainText("Enabled");
  await expect(viewer.getByRole("button", { name: /Disable/ })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "New rule" })).toHaveCount(0);
  const denied = await viewer.goto(`/t/${account.slug}/settings/rules/new`);
  expect(denied?.status()).toBe(403);
  await expect(viewer.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();

  await viewer.goto(`/t/${account.slug}/campaigns`);
  await expect(viewer.getByRole("heading", { name: "No campaigns yet" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New campaign" })).toHaveCount(0);
  const refused = await viewer.request.post(`/api/v1/tenants/${account.slug}/campaigns`, {
    headers: { Origin: baseURL! },
    data: { name: "Sneaky", startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-02-01T00:00:00Z", multiplier: 2 },
  });
  expect(refused.status()).toBe(403);
});

test("an owner runs a campaign: a wrong window is refused, a running one shows as running", async ({ page }) => {
  await signUp(page, "Campaign");
  await page.getByRole("navigation", { name: "Brand" }).getByRole("link", { name: "Campaigns" }).click();
  await expect(page.getByRole("heading", { name: "No campaigns yet" })).toBeVisible();
  await page.getByRole("link", { name: "New campaign" }).first().click();

  const utcMinute = (offsetHours: number) => new Date(Date.now() + offsetHours * 3_600_000).toISOString().slice(0, 16);
  await page.getByLabel("Name").fill("Launch week");
  await page.getByLabel("Network").selectOption("TWITTER");
  await page.getByLabel("Multiplier").fill("2");
  await page.getByLabel("Starts (UTC)").fill(utcMinute(24));
  await page.getByLabel("Ends (UTC)").fill(utcMinute(-24));
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByText("the end must be after the start")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Launch week");
  await expect(page.getByLabel("Network")).toHaveValue("TWITTER");

  await page.getByLabel("Starts (UTC)").fill(utcMinute(-24));
  await page.getByLabel("Ends (UTC)").fill(utcMinute(24 * 7));
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Campaign created." })).toBeVisible();
  const row = page.getByRole("table", { name: "Campaigns" }).getByRole("row").filter({ hasText: "Launch week" });
  await expect(row).toContainText("Running");
  await expect(row).toContainText("×2");
  await expect(row).toContainText("X (Twitter)");

  await page.getByRole("link", { name: "Scheduled" }).click();
  await expect(page.getByRole("heading", { name: "No scheduled campaigns" })).toBeVisible();
});

test("another tenant's rules and campaigns answer 404 on pages and the API", async ({ browser, baseURL }) => {
  const bPage = await browser.newPage();
  const b = await signUp(bPage, "RulesVictim");
  const origin = { Origin: baseURL! };
  const rule = (await (
    await bPage.request.post(`/api/v1/tenants/${b.slug}/rules`, {
      headers: origin,
      data: { network: "TWITTER", action: "MENTION", name: "Secret rule", basePoints: 7 },
    })
  ).json()) as { id: string };
  const campaign = (await (
    await bPage.request.post(`/api/v1/tenants/${b.slug}/campaigns`, {
      headers: origin,
      data: { name: "Secret campaign", startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-02-01T00:00:00Z", multiplier: 2 },
    })
  ).json()) as { id: string };
  expect(rule.id).toMatch(/^rule_/);
  expect(campaign.id).toMatch(/^cmp_/);

  const aPage = await browser.newPage();
  const a = await signUp(aPage, "RulesAttacker");
  for (const path of [
    `/t/${a.slug}/settings/rules/${rule.id}/edit`,
    `/t/${a.slug}/campaigns/${campaign.id}/edit`,
    `/t/${b.slug}/settings/rules`,
    `/t/${b.slug}/campaigns`,
  ]) {
    const response = await aPage.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(aPage.getByText(/Secret (rule|campaign)/)).toHaveCount(0);
  }
  const api = aPage.request;
  const attempts = [
    api.get(`/api/v1/tenants/${a.slug}/rules/${rule.id}`),
    api.patch(`/api/v1/tenants/${a.slug}/rules/${rule.id}`, { headers: origin, data: { enabled: false } }),
    api.get(`/api/v1/tenants/${a.slug}/campaigns/${campaign.id}`),
    api.patch(`/api/v1/tenants/${a.slug}/campaigns/${campaign.id}`, { headers: origin, data: { multiplier: 10 } }),
    api.get(`/api/v1/tenants/${b.slug}/rules`),
    api.get(`/api/v1/tenants/${b.slug}/campaigns`),
  ];
  for (const response of await Promise.all(attempts)) {
    expect(response.status(), response.url()).toBe(404);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
  }
  expect(await (await bPage.request.get(`/api/v1/tenants/${b.slug}/rules/${rule.id}`)).json()).toMatchObject({ enabled: true, basePoints: 7 });
  expect(await (await bPage.request.get(`/api/v1/tenants/${b.slug}/campaigns/${campaign.id}`)).json()).toMatchObject({ multiplier: 2 });
});
