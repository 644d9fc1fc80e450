/** /__admin routes for the sandbox itself: clock, generator, limits, toggles, faults, log, reset. */
import { z } from "zod";
import { sendJson } from "../http/http-kit";
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import { ZGeneratorPatch } from "../generator/generator-config";
import { adminPost } from "./admin-x-routes";
import { parseAdminBody } from "./admin-kit";

const ZClockSet = z.object({ now: z.union([z.number(), z.string()]), frozen: z.boolean().optional() });
const ZClockAdvance = z.object({ ms: z.number().optional(), seconds: z.number().optional(), minutes: z.number().optional(), hours: z.number().optional() });
const ZBulk = z.object({
  count: z.number().int().min(1).max(5_000_000),
  span_hours: z
    .number()
    .min(0)
    .max(24 * 7)
    .default(24 * 6),
});
const ZBurst = z.object({ count: z.number().int().min(1).max(1_000_000), within_ms: z.number().int().min(0).default(0) });
const ZLimits = z.object({
  window_ms: z.number().int().min(1000).optional(),
  limits: z.record(z.string(), z.object({ app: z.number().int().min(0).optional(), user: z.number().int().min(0).optional() })).optional(),
  foursquare_hourly: z.number().int().min(0).optional(),
});
const ZToggles = z
  .object({
    legacyNotFound200: z.boolean(),
    searchQueryMaxLen: z.number().int().min(1).max(4096),
    searchIndexLagMs: z.number().int().min(0),
    rotateRefreshTokens: z.boolean(),
    killFamilyOnReuse: z.boolean(),
    autoApproveUsername: z.string().nullable(),
  })
  .partial();
const ZFault = z.object({
  kind: z.enum(["rate_limit", "server_error", "slow", "drop"]),
  count: z.number().int().min(1).optional(),
  path_prefix: z.string().startsWith("/").optional(),
  status: z.number().int().min(400).max(599).optional(),
  delay_ms: z.number().int().min(0).max(120_000).optional(),
});

export function registerAdminSystemRoutes(router: Router, state: SandboxState, info: () => Record<string, unknown>): void {
  router.on("GET", "/__admin/health", (ctx) =>
    sendJson(ctx, 200, {
      ok: true,
      ...info(),
      now: new Date(state.clock.now()).toISOString(),
      frozen: state.clock.frozen,
      users: state.users.size,
      posts: state.posts.size,
      generator_running: state.generator.running,
    }),
  );
  router.on("POST", "/__admin/reset", (ctx) => {
    state.reset();
    sendJson(ctx, 200, { ok: true });
  });

  router.on("GET", "/__admin/clock", (ctx) => sendJson(ctx, 200, { now: new Date(state.clock.now()).toISOString(), frozen: state.clock.frozen }));
  router.on("POST", "/__admin/clock", async (ctx) => {
    const b = await parseAdminBody(ctx, ZClockSet);
    state.clock.set(b.now, b.frozen);
    sendJson(ctx, 200, { now: new Date(state.clock.now()).toISOString(), frozen: state.clock.frozen });
  });
  router.on("POST", "/__admin/clock/advance", async (ctx) => {
    const b = await parseAdminBody(ctx, ZClockAdvance);
    const ms = (b.ms ?? 0) + (b.seconds ?? 0) * 1000 + (b.minutes ?? 0) * 60_000 + (b.hours ?? 0) * 3_600_000;
    state.clock.advance(ms);
    sendJson(ctx, 200, { now: new Date(state.clock.now()).toISOString(), frozen: state.clock.frozen });
  });

  router.on("GET", "/__admin/generator", (ctx) =>
    sendJson(ctx, 200, { running: state.generator.running, config: state.generator.config, stats: state.generator.stats }),
  );
  router.on("PUT", "/__admin/generator", async (ctx) => {
    const patch = await parseAdminBody(ctx, ZGeneratorPatch);
    const config = state.generator.configure(patch);
    for (const v of config.venues) state.fsq.addVenue(v);
    sendJson(ctx, 200, { running: state.generator.running, config });
  });
  router.on("POST", "/__admin/generator/start", (ctx) => {
    state.generator.start();
    sendJson(ctx, 200, { running: true });
  });
  router.on("POST", "/__admin/generator/stop", (ctx) => {
    state.generator.stop();
    sendJson(ctx, 200, { running: false });
  });
  router.on("POST", "/__admin/generator/tick", (ctx) => sendJson(ctx, 200, state.generator.tick()));
  router.on("POST", "/__admin/generator/burst", async (ctx) => {
    const b = await parseAdminBody(ctx, ZBurst);
    const posts = state.generator.burst(b.count, b.within_ms);
    sendJson(ctx, 200, { generated: posts.length, newest_id: posts[posts.length - 1]?.id, sample: posts.slice(0, 5).map(adminPost) });
  });
  router.on("POST", "/__admin/generator/bulk-seed", async (ctx) => {
    const b = await parseAdminBody(ctx, ZBulk);
    const r = state.generator.bulkSeed(b.count, b.span_hours * 3_600_000);
    sendJson(ctx, 200, { generated: r.posts, took_ms: r.ms, total_posts: state.posts.size });
  });

  router.on("GET", "/__admin/rate-limits", (ctx) =>
    sendJson(ctx, 200, { window_ms: state.xRate.windowMs, limits: state.xRate.limits, foursquare_hourly: state.fsqRate.limitFor("users", "user") }),
  );
  router.on("PUT", "/__admin/rate-limits", async (ctx) => {
    const b = await parseAdminBody(ctx, ZLimits);
    if (b.window_ms) state.xRate.windowMs = b.window_ms;
    for (const [k, v] of Object.entries(b.limits ?? {})) state.xRate.limits[k] = { ...state.xRate.limits[k], ...v };
    if (b.foursquare_hourly !== undefined) {
      state.fsqRate.limits.users = { user: b.foursquare_hourly };
      state.fsqRate.limits.checkins = { user: b.foursquare_hourly };
    }
    state.xRate.reset();
    state.fsqRate.reset();
    sendJson(ctx, 200, { window_ms: state.xRate.windowMs, limits: state.xRate.limits });
  });
  router.on("POST", "/__admin/rate-limits/reset", (ctx) => {
    state.xRate.reset();
    state.xRateDay.reset();
    state.fsqRate.reset();
    sendJson(ctx, 200, { ok: true });
  });

  router.on("GET", "/__admin/toggles", (ctx) => sendJson(ctx, 200, { ...state.toggles, autoApproveUsername: state.autoApproveUsername ?? null }));
  router.on("PUT", "/__admin/toggles", async (ctx) => {
    const { autoApproveUsername, ...rest } = await parseAdminBody(ctx, ZToggles);
    Object.assign(state.toggles, rest);
    if (autoApproveUsername !== undefined) state.autoApproveUsername = autoApproveUsername ?? undefined;
    sendJson(ctx, 200, { ...state.toggles, autoApproveUsername: state.autoApproveUsername ?? null });
  });

  router.on("GET", "/__admin/faults", (ctx) => sendJson(ctx, 200, { data: state.faults.list() }));
  router.on("POST", "/__admin/faults", async (ctx) => {
    const b = await parseAdminBody(ctx, ZFault);
    const f = state.faults.add({
      kind: b.kind,
      remaining: b.count ?? 1,
      ...(b.path_prefix ? { pathPrefix: b.path_prefix } : {}),
      ...(b.status ? { status: b.status } : {}),
      ...(b.delay_ms !== undefined ? { delayMs: b.delay_ms } : {}),
    });
    sendJson(ctx, 201, f);
  });
  router.on("DELETE", "/__admin/faults", (ctx) => {
    state.faults.clear();
    sendJson(ctx, 200, { ok: true });
  });

  router.on("GET", "/__admin/requests", (ctx) => {
    const limit = Number(ctx.query.get("limit") ?? 200);
    const since = ctx.query.get("since_seq");
    sendJson(ctx, 200, {
      data: state.log.list({
        limit: Number.isFinite(limit) ? limit : 200,
        ...(ctx.query.get("path_prefix") ? { pathPrefix: ctx.query.get("path_prefix")! } : {}),
        ...(since ? { sinceSeq: Number(since) } : {}),
      }),
    });
  });
  router.on("DELETE", "/__admin/requests", (ctx) => {
    state.log.clear();
    sendJson(ctx, 200, { ok: true });
  });
}
