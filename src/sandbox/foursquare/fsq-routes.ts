/**
 * Legacy Foursquare v2: OAuth for users (/oauth2/authenticate consent page on the sandbox's consent
 * kit, the `state` echoed; denied → redirect_uri?error=access_denied; /oauth2/access_token with
 * client id + secret, `{"access_token"}` or `{"error": invalid_client | invalid_request | invalid_grant}`),
 * /v2/users/self, /v2/users/self/checkins and /v2/checkins/:id with the meta/response envelope,
 * the required `v=YYYYMMDD`, `oauth_token` or Bearer auth, and 500 requests/hour per token and
 * endpoint group (X-RateLimit-* headers; over the limit: 403 rate_limit_exceeded).
 */
import { BodyParseError, HttpError, redirect, sendHtml, sendJson, str, type RequestContext } from "../http/http-kit";
import { renderConsentPage, renderErrorPage } from "../http/consent-page";
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import { envelope, errorEnvelope, renderCheckin, renderSelf } from "./fsq-render";
import type { FsqUser } from "./fsq-state";

function fsqError(code: number, type: string, detail: string, headers: Record<string, string> = {}): HttpError {
  return new HttpError(code, errorEnvelope(code, type, detail), headers);
}

/** Auth, version and rate limit shared by every /v2 route. */
function guard(ctx: RequestContext, state: SandboxState, group: "users" | "checkins"): FsqUser {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "")?.[1];
  const token = ctx.query.get("oauth_token") ?? bearer;
  if (!token) throw fsqError(400, "invalid_auth", "Missing access credentials. See https://developer.foursquare.com/docs/oauth.html for details.");
  const rec = state.fsq.tokens.get(token);
  const user = rec ? state.fsq.users.get(rec.userId) : undefined;
  if (!user) throw fsqError(401, "invalid_auth", "OAuth token invalid or revoked.");
  ctx.authKind = `fsq:${user.id}`;
  const rate = state.fsqRate.consume(group, "user", token);
  ctx.headers["X-RateLimit-Limit"] = String(rate.limit);
  ctx.headers["X-RateLimit-Remaining"] = String(rate.remaining);
  if (!rate.allowed) throw fsqError(403, "rate_limit_exceeded", "Quota exceeded", { "X-RateLimit-Reset": String(rate.reset) });
  const v = ctx.query.get("v");
  if (!v) {
    throw fsqError(
      410,
      "param_error",
      "The Foursquare API no longer supports requests that do not pass in a version parameter. For more details see https://developer.foursquare.com/overview/versioning",
    );
  }
  if (!/^\d{8}$/.test(v)) throw fsqError(400, "param_error", `Invalid version parameter: ${v}`);
  return user;
}

function intParam(ctx: RequestContext, name: string, min: number, max: number): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || n < min || n > max) throw fsqError(400, "param_error", `Value ${raw} is invalid for ${name}`);
  return n;
}

export function registerFoursquareRoutes(router: Router, state: SandboxState): void {
  const authenticate = (ctx: RequestContext, get: (k: string) => string | undefined, decision?: string, username?: string) => {
    const clientId = get("client_id");
    const redirectUri = get("redirect_uri") ?? "";
    if (clientId !== state.fsqClient.clientId) return sendHtml(ctx, 400, renderErrorPage("Invalid client", "Unknown client_id."));
    let target: URL;
    try {
      target = new URL(redirectUri);
    } catch {
      return sendHtml(ctx, 400, renderErrorPage("Invalid redirect_uri", "redirect_uri must be an absolute URL."));
    }
    if (get("response_type") !== "code") return sendHtml(ctx, 400, renderErrorPage("Invalid request", "response_type must be code."));
    // An OAuth 2.0 `state` comes back unchanged with the code or the error (what OAuth clients of
    // Foursquare, e.g. omniauth-oauth2, rely on); no state sent, none returned.
    const oauthState = get("state");
    const back = (params: Record<string, string>) => {
      for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
      if (oauthState !== undefined) target.searchParams.set("state", oauthState);
      redirect(ctx, target.toString());
    };
    const finish = (handle: string) => {
      const user = state.fsq.byHandle(handle) ?? state.fsq.addUser({ handle });
      back({ code: state.fsq.createCode(user.id, state.fsqClient.clientId, redirectUri) });
    };
    if (decision === "deny") return back({ error: "access_denied" });
    if (decision === "approve") return finish((username ?? "").trim() || "swarm.user");
    if (state.autoApproveUsername) return finish(state.autoApproveUsername);
    sendHtml(
      ctx,
      200,
      renderConsentPage({
        service: "Foursquare",
        appName: "Megaphone (sandbox)",
        action: "/oauth2/authenticate",
        userLabel: "Sign in as (sandbox Swarm user)",
        defaultUser: "swarm.user",
        scopes: [],
        hidden: { client_id: clientId, redirect_uri: redirectUri, response_type: "code", ...(oauthState !== undefined ? { state: oauthState } : {}) },
      }),
    );
  };
  router.on("GET", "/oauth2/authenticate", (ctx) => authenticate(ctx, (k) => ctx.query.get(k) ?? undefined));
  router.on("POST", "/oauth2/authenticate", async (ctx) => {
    const body = await ctx.body();
    authenticate(ctx, (k) => str(body, k), str(body, "decision"), str(body, "username"));
  });

  const accessToken = async (ctx: RequestContext) => {
    let body: Record<string, unknown> = {};
    try {
      body = ctx.method === "POST" ? await ctx.body() : {};
    } catch (err) {
      if (!(err instanceof BodyParseError)) throw err;
    }
    const get = (k: string) => ctx.query.get(k) ?? str(body, k);
    if (get("client_id") !== state.fsqClient.clientId || get("client_secret") !== state.fsqClient.clientSecret) {
      return sendJson(ctx, 400, { error: "invalid_client" });
    }
    if (get("grant_type") !== "authorization_code" || !get("code")) return sendJson(ctx, 400, { error: "invalid_request" });
    const token = state.fsq.redeemCode(get("code")!, state.fsqClient.clientId, get("redirect_uri"));
    if (!token) return sendJson(ctx, 400, { error: "invalid_grant" });
    sendJson(ctx, 200, { access_token: token });
  };
  router.on("GET", "/oauth2/access_token", accessToken);
  router.on("POST", "/oauth2/access_token", accessToken);

  router.on("GET", "/v2/users/self", (ctx) => {
    const user = guard(ctx, state, "users");
    sendJson(ctx, 200, envelope({ user: renderSelf(user, state.fsq.checkinsByUser.get(user.id)?.length ?? 0) }));
  });

  router.on("GET", "/v2/users/self/checkins", (ctx) => {
    const user = guard(ctx, state, "users");
    const limit = intParam(ctx, "limit", 1, 250) ?? 20;
    const offset = intParam(ctx, "offset", 0, 1_000_000) ?? 0;
    const after = intParam(ctx, "afterTimestamp", 0, 99_999_999_999);
    const before = intParam(ctx, "beforeTimestamp", 0, 99_999_999_999);
    const sort = ctx.query.get("sort") ?? "newestfirst";
    if (sort !== "newestfirst" && sort !== "oldestfirst") throw fsqError(400, "param_error", `Value ${sort} is invalid for sort`);
    const all = state.fsq.checkinsByUser.get(user.id) ?? [];
    let list = all.filter((c) => (after === undefined || c.createdAt > after) && (before === undefined || c.createdAt < before));
    if (sort === "newestfirst") list = [...list].reverse();
    const items = list.slice(offset, offset + limit).map((c) => renderCheckin(c));
    sendJson(ctx, 200, envelope({ checkins: { count: all.length, items } }));
  });

  router.on("GET", "/v2/checkins/:id", (ctx) => {
    const user = guard(ctx, state, "checkins");
    const id = ctx.params.id ?? "";
    const c = state.fsq.checkins.get(id);
    if (!/^[0-9a-f]{24}$/.test(id) || !c) throw fsqError(400, "param_error", `Value ${id} is invalid for checkin id`);
    if (c.userId !== user.id) throw fsqError(403, "not_authorized", "You are not authorized to view this checkin.");
    sendJson(ctx, 200, envelope({ checkin: renderCheckin(c, state.fsq.users.get(c.userId)) }));
  });
}

/** Unknown /v2 paths answer like Foursquare: 404 endpoint_error in the envelope. */
export function foursquareNotFound(ctx: RequestContext): void {
  sendJson(ctx, 404, errorEnvelope(404, "endpoint_error", "Foursquare API endpoint not found"));
}
