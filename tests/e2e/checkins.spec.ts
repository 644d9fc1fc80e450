import { expect, test } from "@playwright/test";
import { signUp } from "./support/session";

const VENUE = "4bf58dd8d48988d1e0931735";
const PUSH_SECRET = "e2e-foursquare-push-secret";

test("an owner sets up Foursquare check-ins: a tracked venue, a check-in rule, and a push URL that checks its secret", async ({ page, baseURL }) => {
  const account = await signUp(page, "Checkins");
  await page.goto(`/t/${account.slug}/settings/listening`);
  const card = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Foursquare check-ins" }) });
  const pushUrl = `${baseURL}/api/webhooks/foursquare/${account.slug}`;
  await expect(card.getByText(pushUrl)).toBeVisible();
  await expect(card.getByText("No Foursquare credentials")).toBeVisible();
  await expect(card.getByText("No venue tracked yet")).toBeVisible();
  await expect(card.getByText("No customer has linked a Foursquare account yet.")).toBeVisible();
  // Venues are tracked as locations, not as listening sources.
  await expect(page.getByLabel("What to track").locator("option", { hasText: "Foursquare" })).toHaveCount(0);

  // Track a venue: a location with its foursquare.com URL.
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Soho store");
  await page.getByLabel("Foursquare venue").fill(`https://foursquare.com/v/brand-soho/${VENUE.toUpperCase()}`);
  await page.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Soho store added." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Brand locations" }).getByRole("row").filter({ hasText: "Soho store" })).toContainText(VENUE);
  await expect(card.getByText("No venue tracked yet")).toHaveCount(0);

  // A check-in rule for Foursquare, in the point-rules screen.
  await page.goto(`/t/${account.slug}/settings/rules/new`);
  await page.getByLabel("Network").selectOption("FOURSQUARE");
  await page.getByLabel("Action").selectOption("CHECKIN");
  await page.getByLabel("Name").fill("Store check-in");
  await page.getByLabel("Base points").fill("25");
  await page.getByLabel("Influence curve").selectOption("NONE");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rule created." })).toBeVisible();
  const rule = page.getByRole("table", { name: "Foursquare rules" }).getByRole("row").filter({ hasText: "Store check-in" });
  await expect(rule).toContainText("Check-in");
  await expect(rule).toContainText("Enabled");

  // The push URL: refused without credentials, refused with a wrong secret, accepted with the right one.
  const push = (secret: string) =>
    page.request.post(pushUrl, {
      form: {
        checkin: JSON.stringify({
          id: "5a4d00000000000000000e2e",
          createdAt: Math.floor(Date.now() / 1000),
          type: "checkin",
          venue: { id: VENUE, name: "Soho" },
        }),
        user: JSON.stringify({ id: "48000001", firstName: "Sam" }),
        secret,
      },
    });
  expect((await push(PUSH_SECRET)).status()).toBe(401);
  const saved = await page.request.put(`/api/v1/tenants/${account.slug}/channels/foursquare`, {
    headers: { Origin: baseURL! },
    data: { credentials: { clientId: "megaphone-dev-fsq-client", clientSecret: "megaphone-dev-fsq-secret", pushSecret: PUSH_SECRET } },
  });
  expect(saved.ok()).toBe(true);
  const wrong = await push("not-the-secret");
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()["content-type"]).toContain("application/problem+json");
  const accepted = await push(PUSH_SECRET);
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toEqual({ ok: true, status: "queued" });

  await page.goto(`/t/${account.slug}/settings/listening`);
  await expect(card.getByText("No Foursquare credentials")).toHaveCount(0);
});
