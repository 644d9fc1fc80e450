/**
 * startSandbox(): one node:http server emulating the X API v2 and Foursquare v2 on loopback, plus
 * the /__admin control API. Tests and the demo start it in-process; `npm run sandbox` wraps it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { registerAdminFoursquareRoutes } from "./admin/admin-fsq-routes";
import { registerAdminSystemRoutes } from "./admin/admin-system-routes";
import { registerAdminXRoutes } from "./admin/admin-x-routes";
import type { SandboxClock } from "./core/clock";
import { foursquareNotFound, registerFoursquareRoutes } from "./foursquare/fsq-routes";
import { errorEnvelope } from "./foursquare/fsq-render";
import type { TrafficGenerator } from "./generator/traffic-generator";
import { HttpError, createContext, sendJson, type RequestContext } from "./http/http-kit";
import { Router } from "./http/router";
import { registerMailRoutes } from "./mail/mail-routes";
import { MailStore } from "./mail/mail-store";
import { startSmtpCatcher, type SmtpCatcher } from "./mail/smtp-catcher";
import { SandboxState, type SandboxOptions } from "./sandbox-state";
import { registerCountsRoutes } from "./twitter/x-counts-routes";
import { registerEngagementRoutes } from "./twitter/x-engagement-routes";
import { registerXOAuthRoutes } from "./twitter/x-oauth-routes";
import { registerSearchRoutes } from "./twitter/x-search-routes";
import { registerTweetRoutes } from "./twitter/x-tweets-routes";
import { registerUserRoutes } from "./twitter/x-users-routes";
import { PAGE_NOT_FOUND_BODY, PROBLEM_CONTENT_TYPE, TOO_MANY_REQUESTS_BODY, isProblemDocument } from "./twitter/x-problems";
import { rateHeaders } from "./twitter/x-rate-limiter";
import { registerUnservedXRoutes } from "./twitter/x-unserved-routes";

export type { SandboxOptions } from "./sandbox-state";
export { DEV_BEARER_TOKEN } from "./sandbox-state";

export interface SandboxHandle {
  /** Origin, e.g. "http://127.0.0.1:4010" (no trailing slash). */
  url: string;
  host: string;
  port: number;
  state: SandboxState;
  clock: SandboxClock;
  /** Mail caught by the SMTP catcher (empty unless `smtp` was given); read at /__mail. */
  mail: MailStore;
  /** The SMTP catcher, when started: point SMTP_URL at `smtp.url`. */
  smtp: SmtpCatcher | undefined;
  /** The current generator (replaced by a reset). */
  readonly generator: TrafficGenerator;
  close(): Promise<void>;
}

const SERVER_ERROR_TITLES: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const host = options.host ?? "127.0.0.1";
  const state = new SandboxState(options);
  const router = new Router();
  const mail = new MailStore();
  let smtp: SmtpCatcher | undefined;
  let origin = "";
  registerSearchRoutes(router, state);
  registerUserRoutes(router, state);
  registerTweetRoutes(router, state);
  registerEngagementRoutes(router, state);
  registerCountsRoutes(router, state);
  registerXOAuthRoutes(router, state);
  registerUnservedXRoutes(router);
  registerFoursquareRoutes(router, state);
  registerAdminXRoutes(router, state);
  registerAdminFoursquareRoutes(router, state);
  registerAdminSystemRoutes(router, state, () => ({ url: origin, seed: state.seed }));
  registerMailRoutes(router, mail, () => smtp?.url);

  const server = createServer((req, res) => {
    void dispatch(state, router, req, res);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4010, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  // The catcher always listens on loopback, whatever SANDBOX_HOST says: caught mail holds credentials.
  if (options.smtp) {
    try {
      smtp = await startSmtpCatcher(mail, { host: "127.0.0.1", port: options.smtp.port });
    } catch (error) {
      server.close();
      throw error;
    }
  }
  if (options.initialPosts) state.generator.bulkSeed(options.initialPosts, 3 * 24 * 3_600_000);
  if (options.startGenerator) state.generator.start();

  return {
    url: origin,
    host,
    port,
    state,
    clock: state.clock,
    mail,
    smtp,
    get generator() {
      return state.generator;
    },
    close: async () => {
      state.generator.stop();
      await smtp?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function dispatch(state: SandboxState, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ctx = createContext(req, res);
  const t0 = performance.now();
  let faultName: string | undefined;
  res.once("close", () => {
    state.log.add({
      at: new Date(state.clock.now()).toISOString(),
      method: ctx.method,
      path: ctx.path,
      query: ctx.query.toString(),
      status: res.headersSent ? res.statusCode : 0,
      duration_ms: Math.round((performance.now() - t0) * 100) / 100,
      auth: ctx.authKind,
      fault: faultName,
    });
  });
  try {
    const handler = router.match(ctx);
    if (!ctx.path.startsWith("/__admin") && ctx.path !== "/__mail") {
      for (const fault of state.faults.take(ctx.path)) {
        faultName = fault.kind;
        if (fault.kind === "slow") await new Promise((r) => setTimeout(r, fault.delayMs));
        else if (fault.kind === "drop") {
          req.socket.destroy();
          return;
        } else if (fault.kind === "rate_limit") return injectRateLimit(state, ctx);
        else return injectServerError(state, ctx, fault.status);
      }
    }
    if (handler === undefined) return notFound(state, ctx);
    if (handler === "method-not-allowed") {
      return sendX(state, ctx, 405, { title: "Method Not Allowed", detail: "Method Not Allowed", type: "about:blank", status: 405 });
    }
    await handler(ctx);
  } catch (err) {
    if (err instanceof HttpError) return sendX(state, ctx, err.status, err.body, err.headers);
    console.error("[sandbox] unhandled error", err);
    sendX(state, ctx, 500, { title: "Internal Server Error", detail: "Internal Server Error", type: "about:blank", status: 500 });
  }
}

function isXApi(path: string): boolean {
  return path.startsWith("/2/") && !path.startsWith("/2/oauth2/");
}

/**
 * Every X API answer carries the x-rate-limit-* headers, errors included; a request that never
 * reached a bucket (404, 405, injected faults) reports its endpoint's untouched bucket. Problem
 * documents go out as application/problem+json, like X's.
 */
function sendX(state: SandboxState, ctx: RequestContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (!isXApi(ctx.path)) return sendJson(ctx, status, body, headers);
  if (ctx.headers["x-rate-limit-limit"] === undefined) {
    Object.assign(ctx.headers, rateHeaders(state.xRate.peek(`${ctx.method} ${ctx.route ?? ctx.path}`, "app")));
  }
  sendJson(ctx, status, body, headers, isProblemDocument(body) ? PROBLEM_CONTENT_TYPE : "application/json");
}

function isFoursquare(path: string): boolean {
  return path.startsWith("/v2/");
}

function injectRateLimit(state: SandboxState, ctx: RequestContext): void {
  const reset = String(Math.ceil((state.clock.now() + state.xRate.windowMs) / 1000));
  if (isFoursquare(ctx.path)) {
    return sendJson(ctx, 403, errorEnvelope(403, "rate_limit_exceeded", "Quota exceeded"), {
      "X-RateLimit-Limit": "500",
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Reset": reset,
    });
  }
  sendX(state, ctx, 429, TOO_MANY_REQUESTS_BODY, { "x-rate-limit-limit": "450", "x-rate-limit-remaining": "0", "x-rate-limit-reset": reset });
}

function injectServerError(state: SandboxState, ctx: RequestContext, status: number): void {
  const title = SERVER_ERROR_TITLES[status] ?? "Error";
  if (isFoursquare(ctx.path)) return sendJson(ctx, status, errorEnvelope(status, "server_error", title));
  sendX(state, ctx, status, { title, detail: title, type: "about:blank", status });
}

function notFound(state: SandboxState, ctx: RequestContext): void {
  if (isFoursquare(ctx.path)) return foursquareNotFound(ctx);
  if (ctx.path.startsWith("/2/")) return sendX(state, ctx, 404, PAGE_NOT_FOUND_BODY);
  sendJson(ctx, 404, { error: "not_found", detail: `${ctx.method} ${ctx.path} is not emulated by the sandbox` });
}
