/**
 * OAuth 2.0 PKCE through twitter-api-v2's own helpers, approved and denied in Chromium, then
 * refresh rotation, revoke, posting, deleting and the duplicate-content 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "@playwright/test";
import { ApiResponseError, type TwitterApi } from "twitter-api-v2";
import { startSandbox, DEV_BEARER_TOKEN, type SandboxHandle } from "@/sandbox/start-sandbox";
import { createTwitterAppClient, createTwitterOAuth2Client, createTwitterUserClient, loginTwitterApp } from "@/server/social/twitter/twitter-client";
import { admin, launchChromium, startReceiver } from "./sandbox-test-kit";

const START = Date.parse("2026-11-20T12:00:00Z");
const CREDS = { clientId: "megaphone-dev-client", clientSecret: "megaphone-dev-secret" };
const SCOPES = ["tweet.read", "users.read", "tweet.write", "offline.access"];
let sandbox: SandboxHandle;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let browser: Browser;
let oauth: TwitterApi;

async function rejection(p: Promise<unknown>): Promise<ApiResponseError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiResponseError)) throw new Error(`expected ApiResponseError, got ${String(err)}`);
  return err;
}

/** Opens the authorize URL in Chromium, types the username, clicks a button, returns the callback URL. */
async function consent(url: string, button: "#approve" | "#deny", username?: string): Promise<URL> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    if (username !== undefined) await page.fill("#username", username);
    await Promise.all([page.waitForURL((u) => u.href.startsWith(receiver.url)), page.click(button)]);
    return new URL(page.url());
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock: { start: START, frozen: true }, generator: { authorCount: 50 } });
  receiver = await startReceiver();
  browser = await launchChromium();
  oauth = createTwitterOAuth2Client(CREDS, { baseUrl: sandbox.url });
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await sandbox?.close();
});

// twitter-api-v2 copies an OAuth `error` into `errors[0].message` on the error object it builds,
// hence toMatchObject for those bodies.
describe("OAuth 2.0 authorization code with PKCE", () => {
  it("approves in Chromium, logs in, refreshes with rotation and revokes", async () => {
    const redirectUri = `${receiver.url}/callback`;
    const link = oauth.generateOAuth2AuthLink(redirectUri, { scope: SCOPES });
    expect(link.url.startsWith(`${sandbox.url}/i/oauth2/authorize?`)).toBe(true);
    expect(new URL(link.url).searchParams.get("code_challenge_method")).toBe("s256");

    const callback = await consent(link.url, "#approve", "jane_customer");
    expect(callback.pathname).toBe("/callback");
    expect(callback.searchParams.get("state")).toBe(link.state);
    const code = callback.searchParams.get("code")!;

    const login = await oauth.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri });
    expect(login.expiresIn).toBe(7200);
    expect(login.scope.sort()).toEqual([...SCOPES].sort());
    expect(login.refreshToken).toBeDefined();
    const me = await login.client.v2.me();
    expect(me.data.username).toBe("jane_customer");

    // Codes are single-use.
    const reused = await rejection(oauth.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri }));
    expect(reused.code).toBe(400);
    expect(reused.data).toMatchObject({ error: "invalid_request", error_description: "Value passed for the authorization code was invalid." });

    // Access tokens die after 2 h of sandbox time.
    await admin(sandbox.url, "POST", "/__admin/clock/advance", { hours: 2, seconds: 1 });
    expect((await rejection(login.client.v2.me())).code).toBe(401);

    const refreshed = await oauth.refreshOAuth2Token(login.refreshToken!);
    expect(refreshed.refreshToken).toBeDefined();
    expect(refreshed.refreshToken).not.toBe(login.refreshToken);
    expect((await refreshed.client.v2.me()).data.username).toBe("jane_customer");

    // The rotated-out refresh token no longer works.
    const old = await rejection(oauth.refreshOAuth2Token(login.refreshToken!));
    expect(old.code).toBe(400);
    expect(old.data).toMatchObject({ error: "invalid_request", error_description: "Value passed for the token was invalid." });

    await oauth.revokeOAuth2Token(refreshed.accessToken, "access_token");
    expect((await rejection(refreshed.client.v2.me())).code).toBe(401);
    // Revoking the refresh token ends the family.
    await oauth.revokeOAuth2Token(refreshed.refreshToken!, "refresh_token");
    expect((await rejection(oauth.refreshOAuth2Token(refreshed.refreshToken!))).code).toBe(400);
  });

  it("redirects with error=access_denied when the user clicks Cancel", async () => {
    const redirectUri = `${receiver.url}/callback`;
    const link = oauth.generateOAuth2AuthLink(redirectUri, { scope: ["tweet.read", "users.read"] });
    const callback = await consent(link.url, "#deny");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(link.state);
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("expires codes after 30 s and rejects a wrong PKCE verifier", async () => {
    const redirectUri = `${receiver.url}/callback`;
    const link = oauth.generateOAuth2AuthLink(redirectUri, { scope: ["tweet.read", "users.read"] });
    const code = (await consent(link.url, "#approve", "late_larry")).searchParams.get("code")!;
    await admin(sandbox.url, "POST", "/__admin/clock/advance", { seconds: 31 });
    expect((await rejection(oauth.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri }))).code).toBe(400);

    const link2 = oauth.generateOAuth2AuthLink(redirectUri, { scope: ["tweet.read", "users.read"] });
    const code2 = (await consent(link2.url, "#approve", "late_larry")).searchParams.get("code")!;
    expect((await rejection(oauth.loginWithOAuth2({ code: code2, codeVerifier: link.codeVerifier, redirectUri }))).code).toBe(400);
  });

  it("401s a confidential client that sends no valid Basic credentials", async () => {
    const wrong = createTwitterOAuth2Client({ clientId: CREDS.clientId, clientSecret: "nope" }, { baseUrl: sandbox.url });
    const err = await rejection(wrong.refreshOAuth2Token("whatever"));
    expect(err.code).toBe(401);
    expect(err.data).toMatchObject({ error: "unauthorized_client", error_description: "Missing valid authorization header" });
  });
});

describe("app-only bearer", () => {
  it("issues a bearer with client_credentials that can search", async () => {
    const app = await loginTwitterApp({ key: CREDS.clientId, secret: CREDS.clientSecret }, { baseUrl: sandbox.url });
    await expect(app.v2.search("brandx")).resolves.toMatchObject({ meta: { result_count: 0 } });
    const bad = await loginTwitterApp({ key: CREDS.clientId, secret: "wrong" }, { baseUrl: sandbox.url }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(ApiResponseError);
    expect((bad as ApiResponseError).code).toBe(403);
  });
});

describe("POST /2/tweets and DELETE /2/tweets/:id", () => {
  it("posts, finds the post by search, refuses duplicates, deletes", async () => {
    const token = await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", { username: "poster_paula" });
    const user = createTwitterUserClient(token.access_token, { baseUrl: sandbox.url });
    const app = createTwitterAppClient(DEV_BEARER_TOKEN, { baseUrl: sandbox.url });
    const text = "I earned 100 points at @BrandX today https://brandx.example/r/1";

    const full = await user.v2.post<{ data: { id: string; text: string } }>("tweets", { text }, { fullResponse: true });
    expect(full.rateLimit).toMatchObject({ limit: 100, remaining: 99, day: { limit: 10_000, remaining: 9_999 } });
    const created = { data: full.data.data };
    expect(full.data.data).toEqual({ edit_history_tweet_ids: [created.data.id], id: created.data.id, text });
    const found = await app.v2.search("from:poster_paula", { "tweet.fields": ["author_id"] });
    expect(found.tweets.map((t) => t.id)).toEqual([created.data.id]);

    const dup = await rejection(user.v2.tweet(text));
    expect(dup.code).toBe(403);
    expect(dup.data).toEqual({ detail: "You are not allowed to create a Tweet with duplicate content.", type: "about:blank", title: "Forbidden", status: 403 });

    await expect(user.v2.deleteTweet(created.data.id)).resolves.toMatchObject({ data: { deleted: true } });
    const after = await app.v2.tweets([created.data.id]);
    expect(after.data ?? []).toEqual([]);
    expect(after.errors?.[0]).toMatchObject({ resource_id: created.data.id, type: "https://api.x.com/2/problems/resource-not-found" });
    expect((await app.v2.search("from:poster_paula")).meta.result_count).toBe(0);
    // Once deleted, the same text may be posted again.
    await expect(user.v2.tweet(text)).resolves.toBeDefined();
  });

  it("refuses app-only tokens, tokens without tweet.write and deleting someone else's post", async () => {
    const app = createTwitterAppClient(DEV_BEARER_TOKEN, { baseUrl: sandbox.url });
    const appErr = await rejection(app.v2.tweet("hello from the app"));
    expect(appErr.code).toBe(403);
    expect(appErr.data.type).toBe("https://api.x.com/2/problems/unsupported-authentication");

    const readOnly = await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", {
      username: "reader_rita",
      scopes: ["tweet.read", "users.read"],
    });
    const ro = createTwitterUserClient(readOnly.access_token, { baseUrl: sandbox.url });
    expect((await rejection(ro.v2.tweet("can I post?"))).code).toBe(403);

    const a = await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", { username: "author_anna" });
    const b = await admin<{ access_token: string }>(sandbox.url, "POST", "/__admin/tokens", { username: "other_otto" });
    const post = await createTwitterUserClient(a.access_token, { baseUrl: sandbox.url }).v2.tweet("mine, not yours");
    const steal = await rejection(createTwitterUserClient(b.access_token, { baseUrl: sandbox.url }).v2.deleteTweet(post.data.id));
    expect(steal.code).toBe(403);
  });
});
