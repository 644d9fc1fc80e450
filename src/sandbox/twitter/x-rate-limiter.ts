/**
 * Fixed-window rate limits per endpoint and per bucket, measured on the sandbox clock. As on X,
 * app-only bearer tokens share the app's bucket and user tokens get one bucket per user; the
 * window opens at the first request and `x-rate-limit-reset` is its end in epoch seconds.
 */
import type { SandboxClock } from "../core/clock";

export interface EndpointLimit {
  app?: number;
  user?: number;
}

/** Defaults from X's 2026 rate-limit table (social-apis.md §1.8). */
export const DEFAULT_X_LIMITS: Record<string, EndpointLimit> = {
  "GET /2/tweets/search/recent": { app: 450, user: 300 },
  "GET /2/users/:id/mentions": { app: 450, user: 300 },
  "GET /2/users/:id": { app: 300, user: 900 },
  "GET /2/users": { app: 300, user: 900 },
  "GET /2/users/by": { app: 300, user: 900 },
  "GET /2/users/by/username/:username": { app: 300, user: 900 },
  "GET /2/users/me": { user: 75 },
  "GET /2/tweets": { app: 3500, user: 5000 },
  "GET /2/tweets/:id": { app: 450, user: 900 },
  "POST /2/tweets": { app: 10000, user: 100 },
  "DELETE /2/tweets/:id": { user: 50 },
  "GET /2/users/:id/tweets": { app: 10000, user: 900 },
  "GET /2/tweets/:id/quote_tweets": { app: 75, user: 75 },
  "GET /2/tweets/:id/retweeted_by": { app: 75, user: 75 },
  "GET /2/tweets/:id/liking_users": { user: 75 },
  "GET /2/tweets/counts/recent": { app: 300 },
};

export interface RateState {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
  allowed: boolean;
}

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly clock: SandboxClock,
    public windowMs: number,
    public limits: Record<string, EndpointLimit>,
  ) {}

  limitFor(endpoint: string, kind: "app" | "user"): number {
    const l = this.limits[endpoint];
    return (kind === "app" ? l?.app : l?.user) ?? l?.app ?? l?.user ?? 900;
  }

  /** Counts one request and reports the bucket's state after it. */
  consume(endpoint: string, kind: "app" | "user", bucket: string): RateState {
    const limit = this.limitFor(endpoint, kind);
    const key = `${endpoint}|${kind}|${bucket}`;
    const now = this.clock.now();
    let w = this.windows.get(key);
    if (!w || now >= w.start + this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    const reset = Math.ceil((w.start + this.windowMs) / 1000);
    if (w.count >= limit) return { limit, remaining: 0, reset, allowed: false };
    w.count++;
    return { limit, remaining: limit - w.count, reset, allowed: true };
  }

  /** What a fresh/untouched bucket looks like (for responses that never reach a bucket). */
  peek(endpoint: string, kind: "app" | "user"): RateState {
    const limit = this.limitFor(endpoint, kind);
    return { limit, remaining: limit, reset: Math.ceil((this.clock.now() + this.windowMs) / 1000), allowed: true };
  }

  reset(): void {
    this.windows.clear();
  }
}

export function rateHeaders(s: RateState): Record<string, string> {
  return {
    "x-rate-limit-limit": String(s.limit),
    "x-rate-limit-remaining": String(s.remaining),
    "x-rate-limit-reset": String(s.reset),
  };
}
