import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { PASSWORD, signUp, type Account } from "../e2e/support/session";

// issue 9, item 4: every post-sign-in destination stays on our origin, whatever callbackUrl says.

const HOSTILE = [
  "/\t/evil.example/", // the reported bypass: browsers strip the tab and read "//evil.example/"
  "/\n/evil.example/",
  "/\r/evil.example/",
  "//evil.example/",
  "/\\evil.example/",
  "/%2F/evil.example/",
  "/.//evil.example/",
  "https://evil.example/",
  "javascript:alert(document.domain)",
];

/** Any request to the attacker's host is answered here, so landing there is visible rather than a DNS error. */
async function trapEvilHost(context: BrowserContext): Promise<string[]> {
  const visits: string[] = [];
  await context.route(
    (url) => url.hostname.endsWith("evil.example"),
    async (route) => {
      visits.push(route.request().url());
      await route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" });
    },
  );
  return visits;
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

async function submitSignIn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

function expectOwnPage(page: Page, account: Account) {
  const url = new URL(page.url());
  expect(url.origin).toBe(new URL(test.info().project.use.baseURL!).origin);
  expect(url.pathname).toBe(`/t/${account.slug}`);
}

test("signing in with a hostile callbackUrl lands on our own page", async ({ page, context }) => {
  test.setTimeout(180_000);
  const visits = await trapEvilHost(context);
  const account = await signUp(page, "Redirect");
  for (const callbackUrl of HOSTILE) {
    await signOut(page);
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await submitSignIn(page, account.email);
    // The fallback is "/", which sends a signed-in user to their brand.
    await page.waitForURL(`**/t/${account.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: account.brand })).toBeVisible();
    expectOwnPage(page, account);
  }
  expect(visits).toEqual([]);
});

test("an already signed-in visitor with a hostile callbackUrl is sent to our own page, never a 500", async ({ page, context }) => {
  const visits = await trapEvilHost(context);
  const account = await signUp(page, "Signed");
  for (const callbackUrl of [...HOSTILE, "/t/%0A/x", "/t/x%0D%0ASet-Cookie:%20a=b"]) {
    const response = await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    expect(response?.status(), callbackUrl).toBeLessThan(500);
    await page.waitForURL(`**/t/${account.slug}`);
    expectOwnPage(page, account);
  }
  expect(visits).toEqual([]);
});

test("%0A and %0D in callbackUrl never answer 500 and never reach a Location header", async ({ page }) => {
  await signUp(page, "Crlf");
  for (const raw of ["%0A", "%0D", "%0D%0A", "/%0A/evil.example", "/t/x%0D%0ALocation:%20https://evil.example"]) {
    // Signed in: the page redirects at once, so the destination reaches a Location header.
    const signedIn = await page.request.get(`/signin?callbackUrl=${raw}`, { maxRedirects: 0 });
    expect(signedIn.status(), raw).toBeLessThan(500);
    const location = signedIn.headers()["location"] ?? "";
    expect(location).not.toMatch(/[\r\n]|evil\.example/);
    expect(signedIn.headers()["set-cookie"] ?? "").not.toContain("a=b");
  }
  await signOut(page);
  for (const raw of ["%0A", "%0D"]) {
    const signedOut = await page.request.get(`/signin?callbackUrl=${raw}`, { maxRedirects: 0 });
    expect(signedOut.status(), raw).toBe(200);
  }
});

test("a deep link survives sign-in with its path and query", async ({ page }) => {
  const account = await signUp(page, "Deep");
  await signOut(page);
  const deepLink = `/t/${account.slug}/settings/rules?page=2`;
  await page.goto(deepLink);
  await page.waitForURL(/\/signin\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(deepLink);
  await submitSignIn(page, account.email);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === deepLink);
  await expect(page.getByRole("heading", { level: 1, name: "Point rules" })).toBeVisible();

  // The same link handed over explicitly, as an email or bookmark would.
  await signOut(page);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(deepLink)}`);
  await submitSignIn(page, account.email);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === deepLink);
});
