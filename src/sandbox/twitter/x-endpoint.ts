/**
 * The pipeline every X API route goes through, in X's order: authenticate the bearer (401),
 * check the token type and scopes (403), count the request against its rate-limit bucket
 * (headers on every response, 429 when exhausted), then run the handler.
 */
import { HttpError, type RequestContext } from "../http/http-kit";
import type { Handler } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import type { XAccessToken } from "./x-auth";
import { TOO_MANY_REQUESTS_BODY, forbidden, unauthorized, unsupportedAuthentication } from "./x-problems";
import { rateHeaders } from "./x-rate-limiter";

export interface XEndpointSpec {
  /** Rate-limit key, e.g. "GET /2/users/:id". */
  key: string;
  /** "user": user-context tokens only (users/me, POST/DELETE tweets); "app": app-only bearers only (counts). */
  auth: "any" | "user" | "app";
  scopes?: string[];
}

/**
 * OAuth 2.0 user-token scopes per operation, from the `security` of X's OpenAPI document 2.166:
 * every read (search, lookups, timelines, users/me) needs tweet.read + users.read, and writing or
 * deleting a post needs tweet.write on top. App-only bearers carry no scopes and are not checked.
 */
export const READ_SCOPES = ["tweet.read", "users.read"];
export const WRITE_SCOPES = ["tweet.read", "tweet.write", "users.read"];

export type XHandler = (ctx: RequestContext, token: XAccessToken) => Promise<void> | void;

export function bearerOf(ctx: RequestContext): string | undefined {
  const h = ctx.req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

export function xEndpoint(state: SandboxState, spec: XEndpointSpec, handler: XHandler): Handler {
  return async (ctx) => {
    const raw = bearerOf(ctx);
    const token = raw === undefined ? undefined : state.xAuth.resolve(raw);
    if (!token) {
      ctx.authKind = raw === undefined ? "none" : "invalid";
      Object.assign(ctx.headers, rateHeaders(state.xRate.peek(spec.key, "app")));
      throw unauthorized();
    }
    ctx.authKind = token.kind === "app" ? "app" : `user:${token.userId}`;
    const bucket = token.kind === "app" ? token.clientId : `${token.userId}:${token.clientId}`;
    const rate = state.xRate.consume(spec.key, token.kind, bucket);
    Object.assign(ctx.headers, rateHeaders(rate));
    if (!rate.allowed) throw new HttpError(429, TOO_MANY_REQUESTS_BODY);
    if (spec.auth === "user" && token.kind !== "user") throw unsupportedAuthentication();
    if (spec.auth === "app" && token.kind !== "app") throw unsupportedAuthentication("user");
    if (token.kind === "user" && spec.scopes && !spec.scopes.every((s) => token.scopes.includes(s))) throw forbidden();
    await handler(ctx, token);
  };
}
