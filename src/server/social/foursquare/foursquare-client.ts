/**
 * Small typed client for the legacy Foursquare v2 API: OAuth code exchange, users/self and the
 * user's check-ins with pagination. Every response is validated with zod. FOURSQUARE_API_BASE_URL
 * (or `baseUrl`) redirects both the API and the OAuth host to the social sandbox.
 */
import type { z } from "zod";
import { getEnv } from "@/server/env";
import { ZAccessTokenResponse, ZCheckinResponse, ZCheckinsResponse, ZErrorEnvelope, ZSelfResponse, type FsqCheckin, type FsqSelf } from "./foursquare.schemas";

/** Date-versioning parameter every v2 call must carry. */
export const FOURSQUARE_API_VERSION = "20260223";

export interface FoursquareClientOptions {
  /** Origin replacing both api.foursquare.com and foursquare.com; null = real hosts; undefined = env. */
  baseUrl?: string | null;
  clientId?: string;
  clientSecret?: string;
  version?: string;
  fetch?: typeof fetch;
}

export interface FsqRateLimit {
  limit: number | undefined;
  remaining: number | undefined;
  reset: number | undefined;
}

export class FoursquareApiError extends Error {
  override name = "FoursquareApiError";
  constructor(
    readonly status: number,
    readonly errorType: string,
    readonly errorDetail: string,
    readonly rateLimit: FsqRateLimit,
  ) {
    super(`Foursquare ${status} ${errorType}: ${errorDetail}`);
  }
  get isAuthError(): boolean {
    return this.errorType === "invalid_auth";
  }
  get isRateLimited(): boolean {
    return this.errorType === "rate_limit_exceeded" || this.errorType === "quota_exceeded";
  }
}

export interface CheckinPageOptions {
  limit?: number;
  offset?: number;
  sort?: "newestfirst" | "oldestfirst";
  afterTimestamp?: number;
  beforeTimestamp?: number;
}

export class FoursquareClient {
  readonly apiBase: string;
  readonly authBase: string;
  private readonly clientId: string;
  private readonly clientSecret: string;
  private readonly version: string;
  private readonly fetchImpl: typeof fetch;
  /** Rate-limit headers of the last API response. */
  lastRateLimit: FsqRateLimit = { limit: undefined, remaining: undefined, reset: undefined };

  constructor(options: FoursquareClientOptions = {}) {
    const env = options.baseUrl === undefined || !options.clientId || !options.clientSecret ? getEnv() : undefined;
    const base = options.baseUrl === undefined ? env?.FOURSQUARE_API_BASE_URL : (options.baseUrl ?? undefined);
    this.apiBase = (base ?? "https://api.foursquare.com").replace(/\/+$/, "");
    this.authBase = (base ?? "https://foursquare.com").replace(/\/+$/, "");
    this.clientId = options.clientId ?? env!.FOURSQUARE_CLIENT_ID;
    this.clientSecret = options.clientSecret ?? env!.FOURSQUARE_CLIENT_SECRET;
    this.version = options.version ?? FOURSQUARE_API_VERSION;
    this.fetchImpl = options.fetch ?? fetch;
  }

  authorizeUrl(redirectUri: string, state?: string): string {
    const url = new URL(`${this.authBase}/oauth2/authenticate`);
    url.searchParams.set("client_id", this.clientId);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("redirect_uri", redirectUri);
    if (state) url.searchParams.set("state", state);
    return url.toString();
  }

  /** Exchanges an authorization code for a (non-expiring) user token. */
  async exchangeCode(code: string, redirectUri: string): Promise<string> {
    const body = new URLSearchParams({
      client_id: this.clientId,
      client_secret: this.clientSecret,
      grant_type: "authorization_code",
      redirect_uri: redirectUri,
      code,
    });
    const res = await this.fetchImpl(`${this.authBase}/oauth2/access_token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
    });
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const err = (json as { error?: string } | undefined)?.error ?? "unknown_error";
      throw new FoursquareApiError(res.status, err, `token exchange failed: ${err}`, this.lastRateLimit);
    }
    return ZAccessTokenResponse.parse(json).access_token;
  }

  async getSelf(token: string): Promise<FsqSelf> {
    return (await this.get("/v2/users/self", token, {}, ZSelfResponse)).response.user;
  }

  async getCheckins(token: string, page: CheckinPageOptions = {}): Promise<{ count: number; items: FsqCheckin[] }> {
    return (await this.getCheckinsWithRateLimit(token, page)).checkins;
  }

  /**
   * One page of check-ins with the rate-limit headers of THIS response (`lastRateLimit` belongs
   * to whichever call finished last, so concurrent callers sharing a client should use this).
   */
  async getCheckinsWithRateLimit(
    token: string,
    page: CheckinPageOptions = {},
  ): Promise<{ checkins: { count: number; items: FsqCheckin[] }; rateLimit: FsqRateLimit }> {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(page)) if (v !== undefined) params[k] = String(v);
    const { body, rateLimit } = await this.request("/v2/users/self/checkins", token, params, ZCheckinsResponse);
    return { checkins: body.response.checkins, rateLimit };
  }

  /**
   * All check-ins newer than `afterTimestamp`, newest first, paged with `beforeTimestamp` (offset
   * paging reportedly breaks after a few hundred results on the real API).
   */
  async *iterateCheckins(token: string, opts: { afterTimestamp?: number; pageSize?: number } = {}): AsyncGenerator<FsqCheckin> {
    const limit = Math.min(250, opts.pageSize ?? 250);
    let before: number | undefined;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.getCheckins(token, {
        limit,
        sort: "newestfirst",
        ...(opts.afterTimestamp !== undefined ? { afterTimestamp: opts.afterTimestamp } : {}),
        ...(before !== undefined ? { beforeTimestamp: before } : {}),
      });
      let fresh = 0;
      for (const c of page.items) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        fresh++;
        yield c;
      }
      const last = page.items[page.items.length - 1];
      if (!last || page.items.length < limit || fresh === 0) return;
      // beforeTimestamp is exclusive: +1 re-requests the last second so check-ins sharing it are
      // not lost at a page boundary; `seen` drops the repeats.
      before = last.createdAt + 1;
    }
  }

  async getCheckin(token: string, id: string): Promise<FsqCheckin> {
    return (await this.get(`/v2/checkins/${encodeURIComponent(id)}`, token, {}, ZCheckinResponse)).response.checkin;
  }

  private async get<S extends z.ZodType>(path: string, token: string, params: Record<string, string>, schema: S): Promise<z.infer<S>> {
    return (await this.request(path, token, params, schema)).body;
  }

  private async request<S extends z.ZodType>(
    path: string,
    token: string,
    params: Record<string, string>,
    schema: S,
  ): Promise<{ body: z.infer<S>; rateLimit: FsqRateLimit }> {
    const url = new URL(`${this.apiBase}${path}`);
    url.searchParams.set("v", this.version);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const res = await this.fetchImpl(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
    const num = (h: string) => (res.headers.get(h) === null ? undefined : Number(res.headers.get(h)));
    const rateLimit: FsqRateLimit = { limit: num("x-ratelimit-limit"), remaining: num("x-ratelimit-remaining"), reset: num("x-ratelimit-reset") };
    this.lastRateLimit = rateLimit;
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const meta = ZErrorEnvelope.safeParse(json);
      throw new FoursquareApiError(
        res.status,
        meta.success ? (meta.data.meta.errorType ?? "other") : "other",
        meta.success ? (meta.data.meta.errorDetail ?? "") : `HTTP ${res.status}`,
        rateLimit,
      );
    }
    return { body: schema.parse(json), rateLimit };
  }
}

export function createFoursquareClient(options: FoursquareClientOptions = {}): FoursquareClient {
  return new FoursquareClient(options);
}
