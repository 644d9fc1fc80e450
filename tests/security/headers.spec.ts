import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { PASSWORD, signUp } from "../e2e/support/session";

// issue 9, item 7: CSP with a per-response nonce, the other security headers, and no belief in a
// client-sent X-Forwarded-Host.

function cspOf(response: APIResponse): Map<string, string[]> {
  const header = response.headers()["content-security-policy"];
  expect(header, `CSP on ${response.url()}`).toBeTruthy();
  return new Map(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

function nonceOf(response: APIResponse): string {
  const nonce = /^'nonce-(.+)'$/.exec(
    cspOf(response)
      .get("script-src")!
      .find((v) => v.startsWith("'nonce-")) ?? "",
  )?.[1];
  expect(nonce, "script-src nonce").toBeTruthy();
  return nonce!;
}

function expectStrictPolicy(response: APIResponse) {
  const csp = cspOf(response);
  expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  expect(csp.get("style-src")).not.toContain("'unsafe-inline'");
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  const headers = response.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // APP_URL is http in this tier: no HSTS (a unit test covers the https case).
  expect(headers["strict-transport-security"]).toBeUndefined();
}

/** Every <script> and <style> in the HTML carries exactly this response's nonce. */
async function expectEveryInlineTagNonced(response: APIResponse) {
  const nonce = nonceOf(response);
  const html = await response.text();
  const tags = html.match(/<(script|style)\b[^>]*>/gi) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, tag).toContain(`nonce="${nonce}"`);
  // No inline event handlers or javascript: URLs either (a nonce cannot cover those).
  expect(html).not.toMatch(/\son[a-z]+="/i);
  expect(html).not.toMatch(/href="javascript:/i);
}

/** Collects what Chromium reports when the policy blocks something. */
function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`pageerror: ${error.message}`));
  return violations;
}

test("every kind of response carries a CSP with a fresh nonce and the other security headers", async ({ page }) => {
  const account = await signUp(page, "Csp");
  const api = page.request;
  for (const path of ["/", "/signin", `/t/${account.slug}`, `/t/${account.slug}/customers`, "/api/v1/health", "/no-such-page"]) {
    const first = await api.get(path, { maxRedirects: 0 });
    const second = await api.get(path, { maxRedirects: 0 });
    expectStrictPolicy(first);
    expectStrictPolicy(second);
    expect(nonceOf(first), path).not.toBe(nonceOf(second));
  }
  await expectEveryInlineTagNonced(await api.get("/signin"));
  await expectEveryInlineTagNonced(await api.get(`/t/${account.slug}`));
  await expectEveryInlineTagNonced(await api.get(`/t/${account.slug}/customers/new`));
});

test("API, tenant, account and auth answers are never stored", async ({ page }) => {
  const account = await signUp(page, "Store");
  const paths = [
    "/api/v1/health",
    "/api/auth/session",
    "/api/auth/csrf",
    `/t/${account.slug}`,
    `/t/${account.slug}/settings/rules`,
    "/signin",
    "/signup",
    "/account",
  ];
  for (const path of paths) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.headers()["cache-control"] ?? "", path).toMatch(/\bno-store\b/);
  }
  // The sign-in POST that sets the session cookie.
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signIn = await page.request.post("/api/auth/callback/credentials", {
    form: { email: account.email, password: PASSWORD, csrfToken: csrf.csrfToken, json: "true" },
    maxRedirects: 0,
  });
  expect(signIn.headers()["set-cookie"] ?? "").toContain("session-token");
  expect(signIn.headers()["cache-control"] ?? "").toMatch(/\bno-store\b/);
});

test("signing up, signing in and a server-action form run with no CSP violation", async ({ page }) => {
  const violations = watchCspViolations(page);
  // Every document of the journey was under a nonce policy (otherwise "no violation" proves nothing).
  const documents: { url: string; csp: string }[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "document") documents.push({ url: response.url(), csp: response.headers()["content-security-policy"] ?? "" });
  });
  const account = await signUp(page, "Clean");
  await page.context().clearCookies();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(`/t/${account.slug}/customers/new`)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**/t/${account.slug}/customers/new`);
  await page.getByLabel("Name").fill("Nonce Person");
  await page.getByRole("textbox", { name: "Primary email" }).fill("nonce@example.test");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nonce Person" })).toBeVisible();
  // Client-side navigation (RSC fetches, prefetches) under the same policy.
  await page.getByRole("navigation", { name: "Brand" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("table", { name: "Customers" })).toContainText("Nonce Person");
  expect(violations).toEqual([]);
  expect(documents.length).toBeGreaterThanOrEqual(2); // /signup and /signin; the rest are client navigations
  for (const document of documents) expect(document.csp, document.url).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
});

test("every tenant screen hydrates under the policy with no CSP violation", async ({ page }) => {
  test.setTimeout(120_000);
  const violations = watchCspViolations(page);
  const account = await signUp(page, "Screens");
  const screens = [
    "",
    "/inbox",
    "/inbox/feedback",
    "/prospects",
    "/locations",
    "/ledger",
    "/ledger/liability",
    "/rewards/redemptions",
    "/customers",
    "/customers/new",
    "/advocates",
    "/rewards",
    "/campaigns",
    "/campaigns/new",
    "/segments",
    "/segments/new",
    "/settings",
    "/settings/rules",
    "/settings/rules/new",
    "/settings/brand",
    "/settings/channels",
    "/settings/listening",
    "/settings/members",
    "/settings/queues",
    "/settings/tiers",
    "/settings/audit",
    "/settings/deletions",
    "/settings/privacy",
    "/settings/api-keys",
    "/settings/webhooks",
  ];
  for (const screen of screens) {
    const response = await page.goto(`/t/${account.slug}${screen}`);
    expect(response?.status(), screen).toBe(200);
    expect(response?.headers()["content-security-policy"], screen).toContain("'nonce-");
    // The account menu is a client component: it opens only once React has hydrated.
    await page.getByRole("button", { name: /Account menu/ }).click();
    await expect(page.getByRole("button", { name: "Sign out" }), screen).toBeVisible();
    await page.keyboard.press("Escape");
  }
  expect(violations).toEqual([]);
});

test("injected markup cannot run script: no inline handler, no parser-inserted script without the nonce", async ({ page }) => {
  const violations = watchCspViolations(page);
  await page.goto("/signin");
  // What an HTML injection would plant: an inline event handler, and a script the parser inserts.
  await page.evaluate(() => {
    const holder = document.createElement("div");
    holder.innerHTML = '<img alt="" src="data:," onerror="window.__injected = \'handler\'">';
    document.body.appendChild(holder);
    const frame = document.createElement("iframe");
    frame.srcdoc = "<script>parent.__injected = 'srcdoc'</script>";
    document.body.appendChild(frame);
  });
  await expect.poll(() => violations.filter((v) => /Content Security Policy/i.test(v)).length).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
});

test("a forged X-Forwarded-Host from an untrusted peer is not believed", async ({ page }) => {
  const baseURL = test.info().project.use.baseURL!;
  const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "x-forwarded-port": "443" };

  // next-auth builds its redirects, URLs and cookies for NEXTAUTH_URL only.
  const redirect = await page.request.get("/api/auth/signin?callbackUrl=%2F", { headers: forged, maxRedirects: 0 });
  expect(redirect.headers()["location"] ?? "").not.toContain("evil.example");
  expect(redirect.headers()["set-cookie"] ?? "").not.toMatch(/evil\.example|__Secure-|Secure/);
  expect(JSON.stringify(await (await page.request.get("/api/auth/providers", { headers: forged })).json())).not.toContain("evil.example");

  // Next checks a server action's Origin against X-Forwarded-Host: a forged pair must not pass.
  const account = await signUp(page, "Xfh");
  await page.goto(`/t/${account.slug}/customers/new`);
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route(`**/t/${account.slug}/customers/new`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    captured = { url: request.url(), headers: request.headers(), body: request.postDataBuffer()! };
    await route.abort();
  });
  await page.getByLabel("Name").fill("Forged Host");
  await page.getByRole("textbox", { name: "Primary email" }).fill("forged@example.test");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect.poll(() => captured).toBeTruthy();
  await page.unroute(`**/t/${account.slug}/customers/new`);

  const replay = (headers: Record<string, string>) =>
    page.request.post(captured!.url, { headers: { ...captured!.headers, ...headers }, data: captured!.body, maxRedirects: 0 });
  const customers = async () => (await page.request.get(`/api/v1/tenants/${account.slug}/customers?q=forged`)).json() as Promise<{ items: unknown[] }>;

  const refused = await replay({ origin: "http://evil.example", ...forged, "x-forwarded-proto": "http", "x-forwarded-port": "80" });
  expect(refused.status()).toBe(403);
  expect((await customers()).items).toHaveLength(0);

  // The same request from our own origin goes through: the refusal above was the forged host's doing.
  const own = await replay({ origin: new URL(baseURL).origin });
  expect(own.status()).toBeLessThan(400);
  await expect.poll(async () => (await customers()).items.length).toBe(1);
});
