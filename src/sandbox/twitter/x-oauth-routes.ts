/**
 * OAuth 2.0 for X: the authorization-code + PKCE flow (consent page, /2/oauth2/token for
 * authorization_code and refresh_token, /2/oauth2/revoke) and the app-only client_credentials
 * bearer at /oauth2/token. Accepts what twitter-api-v2 really sends: JSON bodies, a Basic header
 * plus client credentials in the body, lowercase `s256`.
 */
import { BodyParseError, HttpError, redirect, sendHtml, sendJson, str, type RequestContext } from "../http/http-kit";
import { renderConsentPage, renderErrorPage } from "../http/consent-page";
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import { mintUserId } from "../generator/population";
import { X_SCOPES, type XClientApp } from "./x-auth";

const AUTH_PARAMS = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"] as const;

function oauthError(status: number, error: string, description: string): HttpError {
  return new HttpError(status, { error, error_description: description });
}

function parseBasic(ctx: RequestContext): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** Confidential clients must use Basic; public clients must not (X's 401 "unauthorized_client"). */
function authenticateClient(ctx: RequestContext, state: SandboxState, body: Record<string, unknown>): XClientApp {
  const basic = parseBasic(ctx);
  const missing = oauthError(401, "unauthorized_client", "Missing valid authorization header");
  if (basic) {
    const client = state.xAuth.clients.get(basic.id);
    if (!client || client.clientSecret === undefined || client.clientSecret !== basic.secret) throw missing;
    return client;
  }
  const client = state.xAuth.clients.get(str(body, "client_id") ?? "");
  if (!client || client.clientSecret !== undefined) throw missing;
  return client;
}

async function readOAuthBody(ctx: RequestContext): Promise<Record<string, unknown>> {
  try {
    return await ctx.body();
  } catch (err) {
    if (err instanceof BodyParseError) throw oauthError(400, "invalid_request", err.message);
    throw err;
  }
}

type AuthParams = Record<(typeof AUTH_PARAMS)[number], string>;

/** Validates authorize parameters; returns either the parameters or how to answer. */
function validateAuthorize(
  state: SandboxState,
  get: (k: string) => string | undefined,
): { ok: true; p: AuthParams; scopes: string[]; client: XClientApp } | { ok: false; page?: string; redirectError?: [string, string, string] } {
  const client = state.xAuth.clients.get(get("client_id") ?? "");
  if (!client) return { ok: false, page: "The client_id is not registered with this sandbox." };
  const redirectUri = get("redirect_uri") ?? "";
  let url: URL | undefined;
  try {
    url = new URL(redirectUri);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || (client.redirectUris && !client.redirectUris.includes(redirectUri))) {
    return { ok: false, page: "The redirect_uri does not match a registered callback URL." };
  }
  const st = get("state") ?? "";
  const fail = (error: string, desc: string) => ({ ok: false as const, redirectError: [redirectUri, error, desc] as [string, string, string] });
  if (get("response_type") !== "code") return fail("unsupported_response_type", "response_type must be code");
  if (!st || st.length > 500) return fail("invalid_request", "state is required (at most 500 characters)");
  const method = (get("code_challenge_method") ?? "plain").toLowerCase();
  if (!get("code_challenge") || (method !== "s256" && method !== "plain")) return fail("invalid_request", "code_challenge is required (S256 or plain)");
  const scopes = (get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
  if (scopes.length === 0 || scopes.some((s) => !X_SCOPES.has(s))) return fail("invalid_scope", "scope is missing or contains an unknown scope");
  const p = Object.fromEntries(AUTH_PARAMS.map((k) => [k, get(k) ?? ""])) as AuthParams;
  p.code_challenge_method = method;
  return { ok: true, p, scopes, client };
}

function withParams(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

function approve(ctx: RequestContext, state: SandboxState, p: AuthParams, scopes: string[], username: string): void {
  const name = username.trim().replace(/^@/, "");
  if (!/^[A-Za-z0-9_]{1,15}$/.test(name)) return sendHtml(ctx, 400, renderErrorPage("Invalid username", "Use 1-15 letters, digits or underscores."));
  const user = state.users.byUsername(name) ?? state.users.add({ id: mintUserId(state.adminPrng, state.users), username: name, createdAt: state.clock.now() });
  const code = state.xAuth.createCode({
    clientId: p.client_id,
    redirectUri: p.redirect_uri,
    challenge: p.code_challenge,
    method: p.code_challenge_method === "s256" ? "s256" : "plain",
    scopes,
    userId: user.id,
  });
  redirect(ctx, withParams(p.redirect_uri, { state: p.state, code }));
}

export function registerXOAuthRoutes(router: Router, state: SandboxState): void {
  const authorizePage = (ctx: RequestContext, get: (k: string) => string | undefined, decision?: string, username?: string) => {
    const v = validateAuthorize(state, get);
    if (!v.ok) {
      if (v.page) return sendHtml(ctx, 400, renderErrorPage("Something went wrong", v.page));
      const [uri, error, desc] = v.redirectError!;
      return redirect(ctx, withParams(uri, { error, error_description: desc, ...(get("state") ? { state: get("state")! } : {}) }));
    }
    if (decision === "deny") return redirect(ctx, withParams(v.p.redirect_uri, { error: "access_denied", state: v.p.state }));
    if (decision === "approve") return approve(ctx, state, v.p, v.scopes, username ?? "");
    if (state.autoApproveUsername) return approve(ctx, state, v.p, v.scopes, state.autoApproveUsername);
    const defaultUser = state.generator.linked[0]?.username ?? "sandbox_user";
    sendHtml(
      ctx,
      200,
      renderConsentPage({
        service: "X",
        appName: v.client.name,
        action: "/i/oauth2/authorize",
        userLabel: "Sign in as (sandbox username)",
        defaultUser,
        scopes: v.scopes,
        hidden: v.p,
      }),
    );
  };

  router.on("GET", "/i/oauth2/authorize", (ctx) => authorizePage(ctx, (k) => ctx.query.get(k) ?? undefined));
  router.on("POST", "/i/oauth2/authorize", async (ctx) => {
    const body = await readOAuthBody(ctx);
    authorizePage(ctx, (k) => str(body, k), str(body, "decision"), str(body, "username"));
  });

  router.on("POST", "/2/oauth2/token", async (ctx) => {
    const body = await readOAuthBody(ctx);
    const client = authenticateClient(ctx, state, body);
    const grant = str(body, "grant_type");
    let issued;
    if (grant === "authorization_code") {
      issued = state.xAuth.redeemCode(str(body, "code") ?? "", client.clientId, str(body, "redirect_uri") ?? "", str(body, "code_verifier") ?? "");
      if (!issued) throw oauthError(400, "invalid_request", "Value passed for the authorization code was invalid.");
    } else if (grant === "refresh_token") {
      issued = state.xAuth.refreshTokens(str(body, "refresh_token") ?? "", client.clientId);
      if (!issued) throw oauthError(400, "invalid_request", "Value passed for the token was invalid.");
    } else if (grant === undefined) {
      throw oauthError(400, "invalid_request", "Missing required parameter [grant_type].");
    } else {
      throw oauthError(400, "unsupported_grant_type", "Grant type is not supported.");
    }
    sendJson(ctx, 200, {
      token_type: "bearer",
      expires_in: issued.expiresIn,
      access_token: issued.accessToken,
      scope: issued.scopes.join(" "),
      ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    });
  });

  router.on("POST", "/2/oauth2/revoke", async (ctx) => {
    const body = await readOAuthBody(ctx);
    const client = authenticateClient(ctx, state, body);
    const token = str(body, "token");
    if (!token) throw oauthError(400, "invalid_request", "Missing required parameter [token].");
    state.xAuth.revoke(token, client.clientId);
    sendJson(ctx, 200, { revoked: true });
  });

  // App-only bearer (v1.1-era endpoint, v1.1-style errors).
  router.on("POST", "/oauth2/token", async (ctx) => {
    const basic = parseBasic(ctx);
    const client = basic ? state.xAuth.clients.get(basic.id) : undefined;
    if (!basic || !client || client.clientSecret !== basic.secret) {
      throw new HttpError(403, { errors: [{ code: 99, message: "Unable to verify your credentials", label: "authenticity_token_error" }] });
    }
    const body = await readOAuthBody(ctx);
    if (str(body, "grant_type") !== "client_credentials") {
      throw new HttpError(403, { errors: [{ code: 170, message: "Missing required parameter: grant_type", label: "forbidden_missing_parameter" }] });
    }
    sendJson(ctx, 200, { token_type: "bearer", access_token: state.xAuth.appBearer(client.clientId) });
  });
}
