import { expect, test, type Page } from "@playwright/test";
import { signUp, type Account } from "../e2e/support/session";
import { e2eQuery, tenantIdOf } from "./support/e2e-world";
import { LONG_PAYLOAD, XSS_PAYLOADS } from "./support/xss-corpus";

/**
 * The XSS corpus through every screen that renders social or staff-typed text. One brand (its
 * name a payload) gets the corpus as real data: customers (names, emails, external ids, notes)
 * and segments, campaigns, rules and listening keywords through the API; locations, mentions
 * (author handles and texts), linked Foursquare accounts (names, handles, last errors) and team
 * members as the listening form, the pipeline and the invitation flow store them. Then each
 * screen is opened in Chromium with a recorder for `xss(n)`, a dialog trap and a page-error
 * trap, and must show the payloads as text: nothing ran, no element carries an event-handler
 * attribute, a `javascript:`/`data:text/html` URL, a frame, an object or a <base>/<meta refresh>.
 */
test.describe.configure({ mode: "default" }); // one worker, in order: the corpus is loaded once

const BRAND_PAYLOAD = "<img src=x onerror=xss(0)>";

interface Corpus {
  account: Account;
  page: Page;
  customers: { id: string; displayName: string }[];
  segments: { id: string; name: string }[];
  campaigns: { id: string; name: string }[];
  rules: { id: string; name: string }[];
  keywords: string[];
  locations: string[];
  profiles: string[];
  members: string[];
}

let corpus: Corpus;
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function post<T>(page: Page, origin: string, path: string, data: unknown, method = "POST"): Promise<{ status: number; body: T }> {
  const response = await page.request.fetch(path, { method, headers: { Origin: origin }, data });
  return { status: response.status(), body: (await response.json()) as T };
}

/** Stored (201) or refused as invalid (422): both are safe; anything else is a failure. */
function storedOrRefused(status: number, what: string) {
  expect([201, 422], what).toContain(status);
  return status === 201;
}

async function loadCorpus(page: Page, origin: string): Promise<Corpus> {
  const account = await signUp(page, BRAND_PAYLOAD);
  const base = `/api/v1/tenants/${account.slug}`;
  const tenantId = await tenantIdOf(account.slug);

  const customers: Corpus["customers"] = [];
  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    const { status, body } = await post<{ id: string; displayName: string }>(page, origin, `${base}/customers`, {
      displayName: payload,
      emails: [`c${i}@xss.test`],
      externalId: payload,
      notes: i === 0 ? LONG_PAYLOAD.slice(-5_000) : payload,
    });
    if (storedOrRefused(status, `customer ${JSON.stringify(payload)}`)) customers.push(body);
  }
  // A maximal name: 200 characters ending in a payload.
  const long = await post<{ id: string; displayName: string }>(page, origin, `${base}/customers`, {
    displayName: `${"x".repeat(172)}<img src=x onerror=xss(98)>`,
    emails: ["long@xss.test"],
  });
  expect(long.status).toBe(201);
  customers.push(long.body);
  // The API accepts only valid emails; an import or an older version may have stored worse.
  for (const [i, payload] of XSS_PAYLOADS.slice(0, 12).entries()) {
    await e2eQuery(`INSERT INTO "CustomerEmail" ("tenantId", "customerId", email, "isPrimary") VALUES ($1, $2, $3, false)`, [
      tenantId,
      customers[i]!.id,
      `${payload}@xss.test`.toLowerCase(),
    ]);
  }

  const segments: Corpus["segments"] = [];
  for (const payload of XSS_PAYLOADS) {
    const { status, body } = await post<{ id: string; name: string }>(page, origin, `${base}/segments`, {
      name: payload,
      filter: { lifecycleStages: ["CUSTOMER"] },
    });
    if (storedOrRefused(status, `segment ${JSON.stringify(payload)}`)) segments.push(body);
  }
  const campaigns: Corpus["campaigns"] = [];
  for (const payload of XSS_PAYLOADS) {
    const { status, body } = await post<{ id: string; name: string }>(page, origin, `${base}/campaigns`, {
      name: payload,
      description: payload,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      multiplier: 2,
      segmentId: segments[0]!.id,
    });
    if (storedOrRefused(status, `campaign ${JSON.stringify(payload)}`)) campaigns.push(body);
  }
  const rules: Corpus["rules"] = [];
  for (const payload of XSS_PAYLOADS) {
    const { status, body } = await post<{ id: string; name: string }>(page, origin, `${base}/rules`, {
      network: "TWITTER",
      action: "MENTION",
      name: payload,
      basePoints: 5,
    });
    if (storedOrRefused(status, `rule ${JSON.stringify(payload)}`)) rules.push(body);
  }
  const keywords: string[] = [];
  for (const payload of XSS_PAYLOADS) {
    const { status, body } = await post<{ value: string }>(page, origin, `${base}/sources`, { network: "TWITTER", kind: "KEYWORD", value: payload });
    if (storedOrRefused(status, `keyword ${JSON.stringify(payload)}`)) keywords.push(body.value);
  }
  // Most of the corpus must really be stored, or the screens below would prove little.
  for (const [what, list] of Object.entries({ customers, segments, campaigns, rules })) expect(list.length, what).toBeGreaterThanOrEqual(35);
  expect(keywords.length, "keywords").toBeGreaterThanOrEqual(10);

  // Locations, as the listening form stores them (it has no JSON route).
  const locations: string[] = [];
  for (const payload of XSS_PAYLOADS.slice(0, 15)) {
    await e2eQuery(`INSERT INTO "Location" ("tenantId", name, address, city, "updatedAt") VALUES ($1, $2, $3, $3, now())`, [tenantId, payload, payload]);
    locations.push(payload);
  }
  // Mentions and linked Foursquare accounts as the pipeline writes them: the network's text, handles and names verbatim.
  const profiles: string[] = [];
  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    await e2eQuery(
      `INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "authorExternalId", "authorHandle", "authorFollowers", text, url, "postedAt", "matchedKeywords", "fetchedAt", "updatedAt")
       VALUES ($1, 'TWITTER', $2, $3, $4, $5, 12, $6, $7, now(), ARRAY['megaphone'], now(), now())`,
      [
        tenantId,
        String(1_950_000_000_000_000_000n + BigInt(i)),
        customers[i % customers.length]!.id,
        String(45_000_000 + i),
        payload,
        i === 0 ? LONG_PAYLOAD : payload,
        `javascript:xss(${200 + i})`,
      ],
    );
  }
  for (const [i, payload] of XSS_PAYLOADS.slice(0, 20).entries()) {
    await e2eQuery(
      `INSERT INTO "SocialProfile" ("tenantId", "customerId", network, "externalUserId", handle, "displayName", scopes, status, "linkedAt", "checkinSyncStatus", "checkinLastError", "updatedAt")
       VALUES ($1, $2, 'FOURSQUARE', $3, $4, $5, ARRAY['checkins'], 'ACTIVE', now(), 'ERROR', $6, now())`,
      [tenantId, customers[i]!.id, String(48_100_000 + i), payload, i % 2 === 0 ? payload : null, i === 0 ? LONG_PAYLOAD : payload],
    );
    profiles.push(payload);
  }
  // Team members whose names are payloads (a name is typed by the invitee when they accept).
  const members: string[] = [];
  for (const [i, payload] of XSS_PAYLOADS.slice(0, 12).entries()) {
    await e2eQuery(
      `WITH u AS (INSERT INTO "User" (email, name, "passwordHash", "updatedAt") VALUES ($1, $2, 'not-a-hash', now()) RETURNING id)
       INSERT INTO "Membership" ("tenantId", "userId", role) SELECT $3, u.id, 'VIEWER' FROM u`,
      [`member-${i}-${account.slug}@xss.test`, payload, tenantId],
    );
    members.push(payload);
  }
  return { account, page, customers, segments, campaigns, rules, keywords, locations, profiles, members };
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { __xssHits: number[]; xss: (n: number) => void };
    w.__xssHits = [];
    w.xss = (n) => void w.__xssHits.push(n);
  });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  corpus = await loadCorpus(page, baseURL!);
});

test.afterAll(async () => {
  await corpus?.page.context().close();
});

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** Opens a screen and checks that nothing of the corpus became active; returns the page's visible text. */
async function openInert(path: string): Promise<string> {
  const { page } = corpus;
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    const urlAttributes = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"]);
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        // Browsers drop control characters and whitespace inside a scheme: "jav\tascript:" is javascript:.
        const url = attr.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        if (/^on/i.test(attr.name)) bad.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
        if (attr.name === "srcdoc") bad.push(`<${el.tagName.toLowerCase()} srcdoc>`);
        if (urlAttributes.has(attr.name) && (url.startsWith("javascript:") || url.startsWith("vbscript:") || url.startsWith("data:text/html"))) {
          bad.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
        }
      }
      if (["IFRAME", "FRAME", "OBJECT", "EMBED", "BASE"].includes(el.tagName)) bad.push(`<${el.tagName.toLowerCase()}>`);
      if (el.tagName === "META" && el.hasAttribute("http-equiv")) bad.push("<meta http-equiv>");
      // Next's own inline scripts carry the page data (payloads included, as escaped JSON strings); any other script mentioning the marker was injected.
      if (el.tagName === "SCRIPT" && el.textContent?.includes("xss(") && !el.textContent.includes("self.__next_f")) bad.push("<script> with a payload");
    }
    return { bad, hits: (window as unknown as { __xssHits: number[] }).__xssHits, text: document.body.innerText };
  });
  expect.soft(found.hits, `${path}: payloads ran`).toEqual([]);
  expect.soft(found.bad, `${path}: active markup`).toEqual([]);
  expect.soft(dialogs.splice(0), `${path}: dialogs opened`).toEqual([]);
  expect.soft(pageErrors.splice(0), `${path}: page errors`).toEqual([]);
  return squash(found.text);
}

/** Every value of `values` is on the page as text (or, for a paged list, at least `atLeast` of them). */
function expectShown(text: string, values: string[], where: string, atLeast = values.length) {
  const shown = values.filter((v) => text.includes(squash(v)));
  expect
    .soft(shown.length, `${where}: payloads shown as text (missing: ${JSON.stringify(values.filter((v) => !shown.includes(v)).slice(0, 3))})`)
    .toBeGreaterThanOrEqual(atLeast);
}

test("overview and the brand name", async () => {
  const [tenant] = await e2eQuery<{ name: string }>(`SELECT name FROM "Tenant" WHERE slug = $1`, [corpus.account.slug]);
  const text = await openInert(`/t/${corpus.account.slug}`);
  await expect(corpus.page.getByRole("heading", { level: 1 })).toHaveText(tenant!.name);
  expect(text).toContain(squash(tenant!.name));
});

test("customers: list pages, search, detail and edit", async () => {
  test.setTimeout(240_000); // some 50 screens
  const slug = corpus.account.slug;
  let listed = "";
  for (const n of [1, 2, 3]) listed += ` ${await openInert(`/t/${slug}/customers?page=${n}`)}`;
  expectShown(
    listed,
    corpus.customers.map((c) => c.displayName),
    "customer list",
  );
  await openInert(`/t/${slug}/customers?q=${encodeURIComponent("<script>")}`);

  const rows = await e2eQuery<{ id: string; displayName: string; notes: string | null }>(
    `SELECT id, "displayName", notes FROM "Customer" WHERE "tenantId" = $1`,
    [await tenantIdOf(slug)],
  );
  for (const customer of rows) {
    const text = await openInert(`/t/${slug}/customers/${customer.id}`);
    await expect.soft(corpus.page.getByRole("heading", { level: 1 }), customer.id).toHaveText(customer.displayName);
    if (customer.notes) expect.soft(text, `${customer.id} notes`).toContain(squash(customer.notes));
  }
  const emails = await e2eQuery<{ email: string }>(`SELECT email FROM "CustomerEmail" WHERE "customerId" = $1`, [corpus.customers[0]!.id]);
  const detail = await openInert(`/t/${slug}/customers/${corpus.customers[0]!.id}`);
  expectShown(
    detail,
    emails.map((e) => e.email),
    "customer emails",
  );
  for (const customer of corpus.customers.slice(0, 6)) {
    await openInert(`/t/${slug}/customers/${customer.id}/edit`);
    await expect.soft(corpus.page.locator('input[name="displayName"]')).toHaveValue(customer.displayName);
  }
});

test("segments: list, detail with members, edit", async () => {
  test.setTimeout(120_000);
  const slug = corpus.account.slug;
  expectShown(
    await openInert(`/t/${slug}/segments`),
    corpus.segments.map((s) => s.name),
    "segment list",
  );
  for (const segment of corpus.segments.slice(0, 5)) {
    const text = await openInert(`/t/${slug}/segments/${segment.id}`);
    await expect.soft(corpus.page.getByRole("heading", { level: 1 })).toHaveText(segment.name);
    expectShown(
      text,
      corpus.customers.map((c) => c.displayName),
      `segment ${segment.id} members`,
      10,
    );
    await openInert(`/t/${slug}/segments/${segment.id}/edit`);
    await expect.soft(corpus.page.locator('input[name="name"]')).toHaveValue(segment.name);
  }
  // The first segment is targeted by every campaign: its page lists them all.
  expectShown(
    await openInert(`/t/${slug}/segments/${corpus.segments[0]!.id}`),
    corpus.campaigns.map((c) => c.name),
    "campaigns of a segment",
  );
});

test("campaigns: list and edit", async () => {
  const slug = corpus.account.slug;
  expectShown(
    await openInert(`/t/${slug}/campaigns`),
    corpus.campaigns.map((c) => c.name),
    "campaign list",
    10,
  );
  for (const campaign of corpus.campaigns.slice(0, 6)) {
    await openInert(`/t/${slug}/campaigns/${campaign.id}/edit`);
    await expect.soft(corpus.page.locator('input[name="name"]')).toHaveValue(campaign.name);
  }
  await openInert(`/t/${slug}/campaigns/new`);
});

test("rules: list and edit", async () => {
  const slug = corpus.account.slug;
  expectShown(
    await openInert(`/t/${slug}/settings/rules`),
    corpus.rules.map((r) => r.name),
    "rule list",
  );
  for (const rule of corpus.rules.slice(0, 6)) {
    const text = await openInert(`/t/${slug}/settings/rules/${rule.id}/edit`);
    expect.soft(text).toContain(squash(rule.name));
    await expect.soft(corpus.page.locator('input[name="name"]')).toHaveValue(rule.name);
  }
});

test("mention inbox: posts, handles and customer names as text, with hostile filters in the URL", async () => {
  const slug = corpus.account.slug;
  const tenantId = await tenantIdOf(slug);
  const newest = await e2eQuery<{ text: string; authorHandle: string }>(
    `SELECT text, "authorHandle" FROM "Mention" WHERE "tenantId" = $1 ORDER BY "postedAt" DESC, id DESC LIMIT 25`,
    [tenantId],
  );
  const text = await openInert(`/t/${slug}/inbox`);
  expectShown(
    text,
    newest.map((m) => m.text),
    "inbox posts",
  );
  await openInert(`/t/${slug}/inbox?q=${encodeURIComponent(XSS_PAYLOADS[0]!)}&network=%3Cscript%3E&after=${encodeURIComponent(XSS_PAYLOADS[1]!)}`);
  await openInert(`/t/${slug}/inbox?author=customer&question=1&from=2000-01-01`);
});

test("listening settings: keywords, locations, linked accounts and their errors", async () => {
  const text = await openInert(`/t/${corpus.account.slug}/settings/listening`);
  expectShown(text, corpus.keywords, "keywords");
  expectShown(text, corpus.locations, "locations");
  expectShown(text, corpus.profiles, "linked Foursquare accounts");
});

test("team members, channels, queues and the other settings screens", async () => {
  const slug = corpus.account.slug;
  expectShown(await openInert(`/t/${slug}/settings/members`), corpus.members, "members");
  for (const path of [
    "settings",
    "settings/channels",
    "settings/queues",
    "inbox",
    "advocates",
    "rewards",
    "rewards/new",
    "rewards/redemptions",
    "customers/new",
    "segments/new",
    "settings/rules/new",
  ]) {
    await openInert(`/t/${slug}/${path}`);
  }
});
