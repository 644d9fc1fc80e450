import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { freshPortalSignIn, portalCustomer } from "../e2e/support/portal";
import { signUp } from "../e2e/support/session";
import { PORTAL_CASES } from "./cross-tenant-matrix";

/**
 * The portal's principal (issue 11 item 1): a brand's customer, apart from staff and from other
 * brands' customers. Each portal page of PORTAL_CASES is opened as a visitor, as the brand's own
 * staff, and with another brand's customer cookie: customer pages send all three to sign-in, and
 * no page shows a customer's data to them.
 */
async function joinPortal(page: Page, slug: string, brand: string, email: string, displayName: string) {
  await page.goto(`/r/${slug}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("Check your email");
  await page.goto((await freshPortalSignIn(slug, email)).path);
  await page.getByRole("button", { name: `Continue to ${brand} rewards` }).click();
  await page.getByLabel("Your name").fill(displayName);
  await page.getByLabel("I accept the program terms").check();
  await page.getByRole("button", { name: `Join ${brand} rewards` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Hi ${displayName}` })).toBeVisible();
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === "megaphone_portal");
}

const customerRoutes = Object.entries(PORTAL_CASES)
  .filter(([key, rule]) => /^(GET|POST|PUT|PATCH|DELETE) /.test(key) && rule.who === "customer")
  .map(([key]) => key.split(" ") as [string, string]);

const customerPages = Object.entries(PORTAL_CASES)
  .filter(([key, rule]) => key.startsWith("PAGE ") && rule.who === "customer")
  .map(([key]) => key.slice("PAGE ".length));

test("customer pages admit only the brand's own signed-in customer; staff and another brand's customer are sent to sign in", async ({ page, browser }) => {
  test.setTimeout(180_000);
  expect(customerPages.length).toBeGreaterThan(0);
  const a = await signUp(page, "Portal A");
  const b = await signUp(page, "Portal B");

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const bEmail = `b-fan-${randomUUID().slice(0, 8)}@e2e.test`;
  await joinPortal(otherPage, b.slug, b.brand, bEmail, "B's Fan");
  const bCookie = (await sessionCookie(other))!;
  // Scoped to B's portal, unreadable by script, not sent on cross-site subrequests.
  expect(bCookie).toMatchObject({ path: `/r/${b.slug}`, httpOnly: true, sameSite: "Lax" });

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  // B's customer cookie, planted for A's portal path: it names no session of brand A.
  await visitor.addCookies([{ ...bCookie, path: `/r/${a.slug}` }]);

  for (const pattern of customerPages) {
    const path = pattern.replace("[brand]", a.slug);
    for (const [who, browserPage] of [
      ["A's staff", page],
      ["B's customer", visitorPage],
    ] as const) {
      await browserPage.goto(path);
      await expect(browserPage, `${who} on ${path}`).toHaveURL(new RegExp(`/r/${a.slug}/sign-in\\?next=`));
      await expect(browserPage.getByText("B's Fan")).toHaveCount(0);
    }
  }

  // Customer routes refuse both (same-origin, so only the missing session refuses them).
  for (const [method, pattern] of customerRoutes) {
    const path = pattern.replace("[brand]", a.slug);
    for (const browserPage of [page, visitorPage]) {
      const response = await browserPage.request.fetch(path, { method, headers: { origin: new URL(browserPage.url()).origin }, maxRedirects: 0 });
      // A JSON route answers 401; a route a browser is sent to (the OAuth callback) sends it to sign in.
      if (response.status() === 303) expect(response.headers()["location"], `${method} ${path}`).toMatch(new RegExp(`/r/${a.slug}/sign-in\\?next=`));
      else expect(response.status(), `${method} ${path}`).toBe(401);
      expect(await response.text()).not.toContain("B's Fan");
    }
  }

  // The portal home is public, and shows A's visitor view to both of them.
  for (const browserPage of [page, visitorPage]) {
    await browserPage.goto(`/r/${a.slug}`);
    await expect(browserPage.getByRole("link", { name: "Sign in or join with your email" })).toBeVisible();
  }
  // And B's customer never reaches a staff screen: the staff guard asks for a staff sign-in.
  await otherPage.goto(`/t/${b.slug}/customers`);
  await expect(otherPage).toHaveURL(/\/signin\?callbackUrl=/);
  expect(await portalCustomer(a.slug, bEmail)).toBeNull();
  await other.close();
  await visitor.close();
});

test("a portal sign-in link or code of one brand does nothing at another brand's portal", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const a = await signUp(page, "Link A");
  const b = await signUp(page, "Link B");
  const email = `fan-${randomUUID().slice(0, 8)}@e2e.test`;
  const context = await browser.newContext();
  const fan = await context.newPage();
  await fan.goto(`/r/${b.slug}/sign-in`);
  await fan.getByLabel("Email").fill(email);
  await fan.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(fan.getByRole("status")).toContainText("Check your email");
  const { path, code } = await freshPortalSignIn(b.slug, email);

  await fan.goto(path.replace(`/r/${b.slug}/`, `/r/${a.slug}/`));
  await fan.getByRole("button", { name: `Continue to ${a.brand} rewards` }).click();
  await expect(fan.getByText("this sign-in link has expired or was already used")).toBeVisible();

  await fan.goto(`/r/${a.slug}/sign-in`);
  await fan.getByLabel("Email").fill(email);
  await fan.getByRole("button", { name: "Email me a sign-in link" }).click();
  await fan.getByLabel("Code from the email").fill(code);
  await fan.getByRole("button", { name: "Sign in with the code" }).click();
  await expect(fan.getByText("that code is not right or has expired")).toBeVisible();
  expect(await portalCustomer(a.slug, email)).toBeNull();
  await context.close();
});
