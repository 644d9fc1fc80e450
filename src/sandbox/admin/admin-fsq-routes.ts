/** /__admin routes for Foursquare: push URL, users, venues, tokens, check-ins (which push). */
import { z } from "zod";
import { toMs } from "../core/clock";
import { sendJson } from "../http/http-kit";
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import { ZVenueInput } from "../generator/generator-config";
import { renderCheckin } from "../foursquare/fsq-render";
import { adminNotFound, parseAdminBody } from "./admin-kit";

const ZPush = z.object({ url: z.url().nullable(), encoding: z.enum(["form", "json"]).optional(), secret: z.string().min(1).optional() });
const ZFsqUser = z.object({
  handle: z.string().min(1).max(64),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  homeCity: z.string().optional(),
});
const ZCheckin = z.object({
  user: z.string().min(1),
  venue_id: z.string().optional(),
  venue_name: z.string().optional(),
  shout: z.string().max(500).optional(),
  created_at: z.union([z.number(), z.string()]).optional(),
});

export function registerAdminFoursquareRoutes(router: Router, state: SandboxState): void {
  const findUser = (ref: string) => state.fsq.users.get(ref) ?? state.fsq.byHandle(ref);

  router.on("GET", "/__admin/foursquare/push", (ctx) => sendJson(ctx, 200, { url: state.push.config.url ?? null, encoding: state.push.config.encoding }));
  router.on("PUT", "/__admin/foursquare/push", async (ctx) => {
    const b = await parseAdminBody(ctx, ZPush);
    state.push.config.url = b.url ?? undefined;
    if (b.encoding) state.push.config.encoding = b.encoding;
    if (b.secret) state.push.config.secret = b.secret;
    sendJson(ctx, 200, { url: state.push.config.url ?? null, encoding: state.push.config.encoding });
  });
  router.on("GET", "/__admin/foursquare/pushes", (ctx) => sendJson(ctx, 200, { data: state.push.deliveries }));

  router.on("POST", "/__admin/foursquare/users", async (ctx) => {
    const b = await parseAdminBody(ctx, ZFsqUser);
    sendJson(
      ctx,
      201,
      state.fsq.addUser({
        handle: b.handle,
        ...(b.firstName ? { firstName: b.firstName } : {}),
        ...(b.lastName ? { lastName: b.lastName } : {}),
        ...(b.homeCity ? { homeCity: b.homeCity } : {}),
      }),
    );
  });
  router.on("POST", "/__admin/foursquare/venues", async (ctx) => {
    const v = await parseAdminBody(ctx, ZVenueInput);
    sendJson(ctx, 201, state.fsq.addVenue(v));
  });
  router.on("GET", "/__admin/foursquare/venues", (ctx) => sendJson(ctx, 200, { data: [...state.fsq.venues.values()] }));
  router.on("POST", "/__admin/foursquare/tokens", async (ctx) => {
    const b = await parseAdminBody(ctx, z.object({ user: z.string().min(1) }));
    const user = findUser(b.user) ?? state.fsq.addUser({ handle: b.user });
    sendJson(ctx, 201, { access_token: state.fsq.issueToken(user.id, state.fsqClient.clientId), user });
  });

  router.on("POST", "/__admin/foursquare/checkins", async (ctx) => {
    const b = await parseAdminBody(ctx, ZCheckin);
    const user = findUser(b.user);
    if (!user) throw adminNotFound("Foursquare user");
    const venue =
      (b.venue_id ? state.fsq.venues.get(b.venue_id) : undefined) ??
      (b.venue_name ? [...state.fsq.venues.values()].find((v) => v.name === b.venue_name) : undefined) ??
      (b.venue_id || b.venue_name ? undefined : [...state.fsq.venues.values()][0]);
    if (!venue) throw adminNotFound("venue");
    const ms = b.created_at !== undefined ? toMs(b.created_at) : state.clock.now();
    const checkin = state.fsq.addCheckin(user.id, venue, ms, b.shout);
    // Awaited so the caller sees the delivery outcome in the same response.
    const push = await state.push.deliver(checkin, user, state.fsq.hasAuthorized(user.id), state.clock.now());
    sendJson(ctx, 201, { checkin: renderCheckin(checkin, user), push });
  });
}
