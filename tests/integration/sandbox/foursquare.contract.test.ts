/**
 * Foursquare v2 through our typed client: OAuth in Chromium, users/self, check-ins with
 * pagination, single check-in, errors and limits; and the User Push webhook to a local receiver.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "@playwright/test";
import { startSandbox, type SandboxHandle } from "@/sandbox/start-sandbox";
import { FoursquareApiError, createFoursquareClient, type FoursquareClient } from "@/server/social/foursquare/foursquare-client";
import { parseFoursquarePush } from "@/server/social/foursquare/foursquare-push";
import { admin, launchChromium, startReceiver } from "./sandbox-test-kit";

const START = Date.parse("2026-11-20T12:00:00Z");
const PUSH_SECRET = "test-push-secret";
let sandbox: SandboxHandle;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let browser: Browser;
let fsq: FoursquareClient;
let token: string;

async function fsqError(p: Promise<unknown>): Promise<FoursquareApiError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof FoursquareApiError)) throw new Error(`expected FoursquareApiError, got ${String(e)}`);
  return e;
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    clock: { start: START, frozen: true },
    foursquare: { clientId: "fsq-test-client", clientSecret: "fsq-test-secret", pushSecret: PUSH_SECRET },
    generator: { authorCount: 20 },
  });
  receiver = await startReceiver();
  browser = await launchChromium();
  fsq = createFoursquareClient({ baseUrl: sandbox.url, clientId: "fsq-test-client", clientSecret: "fsq-test-secret" });
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await sandbox?.close();
});

describe("Foursquare OAuth and check-ins", () => {
  it("authorizes in Chromium and exchanges the code for a token", async () => {
    const redirectUri = `${receiver.url}/fsq/callback`;
    const page = await browser.newPage();
    await page.goto(fsq.authorizeUrl(redirectUri, "state-1 &x"));
    await page.fill("#username", "swarm.sam");
    await Promise.all([page.waitForURL((u) => u.href.startsWith(receiver.url)), page.click("#approve")]);
    const code = new URL(page.url()).searchParams.get("code")!;
    expect(new URL(page.url()).searchParams.get("state")).toBe("state-1 &x");
    await page.close();
    // The app's client secret is checked before the code: a wrong one spends nothing.
    const wrongSecret = createFoursquareClient({ baseUrl: sandbox.url, clientId: "fsq-test-client", clientSecret: "not-the-secret" });
    await expect(wrongSecret.exchangeCode(code, redirectUri)).rejects.toMatchObject({ status: 400, errorType: "invalid_client" });
    token = await fsq.exchangeCode(code, redirectUri);
    expect(token).toMatch(/^[0-9A-F]{48}$/);
    // Single use.
    await expect(fsq.exchangeCode(code, redirectUri)).rejects.toMatchObject({ status: 400, errorType: "invalid_grant" });
    await expect(fsq.exchangeCode("NOT-A-CODE", redirectUri)).rejects.toMatchObject({ status: 400, errorType: "invalid_grant" });
    const self = await fsq.getSelf(token);
    expect(self.firstName).toBe("Swarm");
    expect(self.checkins?.count).toBe(0);
  });

  it("denies with error=access_denied and the state", async () => {
    const page = await browser.newPage();
    await page.goto(fsq.authorizeUrl(`${receiver.url}/fsq/callback`, "state-2"));
    await Promise.all([page.waitForURL((u) => u.href.startsWith(receiver.url)), page.click("#deny")]);
    expect(new URL(page.url()).searchParams.get("error")).toBe("access_denied");
    expect(new URL(page.url()).searchParams.get("state")).toBe("state-2");
    expect(new URL(page.url()).searchParams.get("code")).toBeNull();
    await page.close();
  });

  it("pages through all check-ins newest first and reads one with its user", async () => {
    for (let i = 0; i < 23; i++) {
      await admin(sandbox.url, "POST", "/__admin/foursquare/checkins", { user: "swarm.sam", shout: `visit ${i}`, created_at: START - (23 - i) * 3_600_000 });
    }
    const seen: string[] = [];
    for await (const c of fsq.iterateCheckins(token, { pageSize: 5 })) seen.push(c.shout ?? "");
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `visit ${22 - i}`));

    const page = await fsq.getCheckins(token, { limit: 5, offset: 5, sort: "oldestfirst" });
    expect(page.count).toBe(23);
    expect(page.items.map((c) => c.shout)).toEqual(["visit 5", "visit 6", "visit 7", "visit 8", "visit 9"]);

    const newer = await fsq.getCheckins(token, { afterTimestamp: Math.floor((START - 3 * 3_600_000) / 1000) });
    expect(newer.items.map((c) => c.shout)).toEqual(["visit 22", "visit 21"]);

    const one = await fsq.getCheckin(token, page.items[0]!.id);
    expect(one).toMatchObject({ id: page.items[0]!.id, type: "checkin", user: { firstName: "Swarm" }, venue: { name: "Brand X Soho" } });
  });

  it("returns the v2 error envelope for a bad token, a missing version and bad parameters", async () => {
    const bad = await fsqError(fsq.getSelf("NOT-A-TOKEN"));
    expect(bad).toMatchObject({ status: 401, errorType: "invalid_auth", errorDetail: "OAuth token invalid or revoked." });
    expect(bad.isAuthError).toBe(true);

    const raw = await fetch(`${sandbox.url}/v2/users/self?oauth_token=${token}`);
    expect(raw.status).toBe(410);
    expect(await raw.json()).toMatchObject({ meta: { code: 410, errorType: "param_error" }, response: {} });

    const limit = await fsqError(fsq.getCheckins(token, { limit: 251 }));
    expect(limit).toMatchObject({ status: 400, errorType: "param_error" });
  });

  it("enforces the hourly limit with X-RateLimit-* headers and a 403 quota error", async () => {
    await admin(sandbox.url, "PUT", "/__admin/rate-limits", { foursquare_hourly: 3 });
    await fsq.getSelf(token);
    expect(fsq.lastRateLimit).toMatchObject({ limit: 3, remaining: 2 });
    await fsq.getSelf(token);
    await fsq.getSelf(token);
    const err = await fsqError(fsq.getSelf(token));
    expect(err).toMatchObject({ status: 403, errorType: "rate_limit_exceeded", errorDetail: "Quota exceeded" });
    expect(err.isRateLimited).toBe(true);
    expect(err.rateLimit.reset).toBe(Math.ceil((START + 3_600_000) / 1000));
    await admin(sandbox.url, "PUT", "/__admin/rate-limits", { foursquare_hourly: 500 });
  });
});

describe("Foursquare User Push", () => {
  it("pushes form-encoded check-ins whose secret verifies, and records delivery", async () => {
    await admin(sandbox.url, "PUT", "/__admin/foursquare/push", { url: `${receiver.url}/fsq/push`, encoding: "form" });
    const before = receiver.received.length;
    const res = await admin<{ checkin: { id: string }; push: { status: string; http_status: number } }>(sandbox.url, "POST", "/__admin/foursquare/checkins", {
      user: "swarm.sam",
      shout: "Latte time #BrandX",
    });
    expect(res.push).toMatchObject({ status: "delivered", http_status: 200 });
    const got = receiver.received.slice(before).find((r) => r.path === "/fsq/push")!;
    expect(got.method).toBe("POST");
    expect(got.contentType).toBe("application/x-www-form-urlencoded");
    const parsed = parseFoursquarePush(got.body, got.contentType, PUSH_SECRET);
    expect(parsed).toMatchObject({ ok: true, checkin: { id: res.checkin.id, shout: "Latte time #BrandX" }, user: { firstName: "Swarm" } });
    expect(parseFoursquarePush(got.body, got.contentType, "another-secret")).toEqual({ ok: false, reason: "bad_secret" });

    const log = await admin<{ data: { checkin_id: string; status: string }[] }>(sandbox.url, "GET", "/__admin/foursquare/pushes");
    expect(log.data.at(-1)).toMatchObject({ checkin_id: res.checkin.id, status: "delivered" });
  });

  it("sends JSON in JSON mode, skips users who never authorized, and records failures", async () => {
    await admin(sandbox.url, "PUT", "/__admin/foursquare/push", { url: `${receiver.url}/fsq/push`, encoding: "json" });
    const before = receiver.received.length;
    await admin(sandbox.url, "POST", "/__admin/foursquare/checkins", { user: "swarm.sam" });
    const got = receiver.received[before]!;
    expect(got.contentType).toBe("application/json");
    expect(parseFoursquarePush(got.body, got.contentType, PUSH_SECRET).ok).toBe(true);

    await admin(sandbox.url, "POST", "/__admin/foursquare/users", { handle: "stranger.sue" });
    const skipped = await admin<{ push: { status: string } }>(sandbox.url, "POST", "/__admin/foursquare/checkins", { user: "stranger.sue" });
    expect(skipped.push.status).toBe("skipped");

    const down = await startReceiver(500);
    await admin(sandbox.url, "PUT", "/__admin/foursquare/push", { url: `${down.url}/push` });
    const failed = await admin<{ push: { status: string; http_status: number } }>(sandbox.url, "POST", "/__admin/foursquare/checkins", { user: "swarm.sam" });
    expect(failed.push).toMatchObject({ status: "failed", http_status: 500 });
    await down.close();
  });
});
