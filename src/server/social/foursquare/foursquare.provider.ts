import { getEnv } from "../../env";
import type { CheckinPage, CheckinProvider, CheckinPush, CheckinRequest, PushParseResult } from "../checkin-provider";
import type { SocialUser, UserAuth } from "../social-provider";
import { createFoursquareClient, type FoursquareClient } from "./foursquare-client";
import { classifyFoursquareError } from "./foursquare-errors";
import { fsqCheckinToPushed, pushedToFsqCheckin, toCheckinMention, toCheckinRateLimit } from "./foursquare-mapping";
import { parseFoursquarePush } from "./foursquare-push";

/** A hung request must not hold a worker's job until its lock expires. */
const REQUEST_TIMEOUT_MS = 15_000;

let cached: { baseUrl: string | undefined; client: FoursquareClient } | undefined;

/** API reads with the user's token need no app credentials; one client per base URL. */
function apiClient(): FoursquareClient {
  const baseUrl = getEnv().FOURSQUARE_API_BASE_URL;
  if (cached && cached.baseUrl === baseUrl) return cached.client;
  const client = createFoursquareClient({
    baseUrl: baseUrl ?? null,
    fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  });
  cached = { baseUrl, client };
  return client;
}

/** Foursquare User Push: the secret in the body is the only proof (Foursquare signs nothing). */
const foursquarePush: CheckinPush = {
  parse(rawBody: string, contentType: string, expectedSecret: string): PushParseResult {
    const parsed = parseFoursquarePush(rawBody, contentType, expectedSecret);
    if (!parsed.ok) return parsed;
    const { checkin } = parsed;
    const user = parsed.user ?? checkin.user;
    const venue = checkin.venue;
    return {
      ok: true,
      head: { id: checkin.id, createdAt: checkin.createdAt, userId: user?.id ?? null, venueId: venue?.id ?? null },
      raw: { checkin, user: parsed.user },
      pushed: user && venue ? fsqCheckinToPushed({ ...checkin, venue }, user) : null,
    };
  },
  toMention: (pushed, owner) => toCheckinMention(pushedToFsqCheckin(pushed), owner),
};

/**
 * Foursquare (legacy v2) check-ins through the app's own client (foursquare-client.ts), pointed at the social sandbox by FOURSQUARE_API_BASE_URL. Limits: 250 check-ins
 * per request, 500 requests per hour per token (read from X-RateLimit-* on every response).
 */
export const foursquareCheckinProvider: CheckinProvider = {
  network: "FOURSQUARE",
  limits: { maxPerPage: 250, cursorOverlapSeconds: 60 },

  async listCheckins(auth: UserAuth, owner: SocialUser, request: CheckinRequest): Promise<CheckinPage> {
    const fsq = apiClient();
    // Rate-limit headers come with this call's own result or error: the client is shared by
    // concurrent jobs, so its `lastRateLimit` may belong to another call.
    const page = await fsq.getCheckinsWithRateLimit(auth.accessToken, {
      limit: Math.max(1, Math.min(250, request.limit)),
      sort: "oldestfirst",
      ...(request.afterTimestamp !== null ? { afterTimestamp: Math.max(0, Math.floor(request.afterTimestamp)) } : {}),
    });
    const items = page.checkins.items;
    const newest = items.reduce<number | null>((max, c) => (max === null || c.createdAt > max ? c.createdAt : max), null);
    return {
      checkins: items.map((c) => toCheckinMention(c, owner)).filter((m) => m !== null),
      fetched: items.length,
      newestTimestamp: newest,
      rateLimit: toCheckinRateLimit(page.rateLimit, Date.now()),
    };
  },

  classifyError: (error) => classifyFoursquareError(error),
  push: foursquarePush,
};
