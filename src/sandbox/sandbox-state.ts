/**
 * Everything one sandbox instance holds. Routes receive this object; nothing is global, so tests
 * can run several sandboxes in one process.
 */
import { SandboxClock, type ClockOptions } from "./core/clock";
import { Prng } from "./core/prng";
import { FoursquareState } from "./foursquare/fsq-state";
import { PushDispatcher, type PushEncoding } from "./foursquare/fsq-push";
import type { GeneratorConfig } from "./generator/generator-config";
import { TrafficGenerator } from "./generator/traffic-generator";
import { FaultInjector } from "./http/fault-injector";
import { RequestLog } from "./http/request-log";
import { PostStore } from "./store/post-store";
import type { SandboxUser } from "./store/store-types";
import { UserStore } from "./store/user-store";
import { SearchEngine } from "./twitter/search-engine";
import { XAuth } from "./twitter/x-auth";
import { DEFAULT_X_LIMITS, RateLimiter, type EndpointLimit } from "./twitter/x-rate-limiter";

/** The documented development bearer (docs/sandbox.md); valid as an app-only token. */
export const DEV_BEARER_TOKEN = "AAAAAAAAAAAAAAAAAAAAAMegaphoneSandboxDevBearerToken0000000000";

export interface SandboxToggles {
  /** Single-resource "not found" as 200 {errors} instead of 404. */
  legacyNotFound200: boolean;
  /** Max query length for search (512 self-serve, 4096 enterprise). */
  searchQueryMaxLen: number;
  /** Posts younger than this are not yet searchable (X indexes with a lag; 0 = immediately). */
  searchIndexLagMs: number;
  rotateRefreshTokens: boolean;
  killFamilyOnReuse: boolean;
}

export interface SandboxOptions {
  host?: string;
  /** 0 picks a free port. Default 4010. */
  port?: number;
  seed?: number;
  clock?: ClockOptions | SandboxClock;
  twitter?: { clientId?: string; clientSecret?: string; redirectUris?: string[]; devBearerToken?: string };
  foursquare?: {
    clientId?: string;
    clientSecret?: string;
    pushSecret?: string;
    pushUrl?: string;
    pushEncoding?: PushEncoding;
    /** Requests per hour per token and endpoint group. Default 500. */
    hourlyLimit?: number;
  };
  rateLimits?: Record<string, EndpointLimit>;
  /** Default 15 minutes. */
  rateLimitWindowMs?: number;
  toggles?: Partial<SandboxToggles>;
  generator?: Partial<GeneratorConfig>;
  /** Posts bulk-generated over the 3 days before start, so searches have history (default 0). */
  initialPosts?: number;
  /** Start the live generator at boot (default false; `npm run sandbox` turns it on). */
  startGenerator?: boolean;
  /** Start the SMTP mail catcher on 127.0.0.1 at this port (0 = any free port); off when absent. */
  smtp?: { port: number };
  /** When set, /i/oauth2/authorize and /oauth2/authenticate approve immediately as this user. */
  autoApproveUsername?: string;
}

export const DEFAULT_TOGGLES: SandboxToggles = {
  legacyNotFound200: false,
  searchQueryMaxLen: 512,
  searchIndexLagMs: 0,
  rotateRefreshTokens: true,
  killFamilyOnReuse: false,
};

export class SandboxState {
  readonly clock: SandboxClock;
  readonly seed: number;
  readonly users = new UserStore();
  readonly posts = new PostStore();
  readonly search: SearchEngine;
  readonly xAuth: XAuth;
  readonly xRate: RateLimiter;
  /** 24-hour app budgets (POST /2/tweets: 10,000/24 h), reported as x-app-limit-24hour-*. */
  readonly xRateDay: RateLimiter;
  readonly fsq: FoursquareState;
  readonly fsqRate: RateLimiter;
  readonly push: PushDispatcher;
  readonly faults = new FaultInjector();
  readonly log = new RequestLog();
  readonly toggles: SandboxToggles;
  /** Ids for admin-created users: deterministic, separate from the generator's stream. */
  readonly adminPrng: Prng;
  generator: TrafficGenerator;
  readonly fsqClient: { clientId: string; clientSecret: string };
  autoApproveUsername: string | undefined;

  constructor(readonly options: SandboxOptions) {
    this.seed = options.seed ?? 42;
    this.clock = options.clock instanceof SandboxClock ? options.clock : new SandboxClock(options.clock);
    this.toggles = { ...DEFAULT_TOGGLES, ...options.toggles };
    this.search = new SearchEngine(this.posts);
    this.xAuth = new XAuth(this.clock, this.toggles);
    this.xRate = new RateLimiter(this.clock, options.rateLimitWindowMs ?? 15 * 60_000, { ...DEFAULT_X_LIMITS, ...options.rateLimits });
    this.xRateDay = new RateLimiter(this.clock, 24 * 3_600_000, { "POST /2/tweets": { app: 10_000 } });
    this.fsq = new FoursquareState(this.clock);
    const hourly = options.foursquare?.hourlyLimit ?? 500;
    this.fsqRate = new RateLimiter(this.clock, 60 * 60_000, { users: { user: hourly }, checkins: { user: hourly } });
    this.push = new PushDispatcher({
      url: options.foursquare?.pushUrl,
      secret: options.foursquare?.pushSecret ?? "megaphone-dev-push-secret",
      encoding: options.foursquare?.pushEncoding ?? "form",
      timeoutMs: 5000,
    });
    this.fsqClient = {
      clientId: options.foursquare?.clientId ?? "megaphone-dev-fsq-client",
      clientSecret: options.foursquare?.clientSecret ?? "megaphone-dev-fsq-secret",
    };
    this.adminPrng = new Prng(this.seed ^ 0xad317);
    this.autoApproveUsername = options.autoApproveUsername;
    this.registerClients();
    this.generator = this.createGenerator();
  }

  resolveUser = (username: string): SandboxUser | undefined => this.users.byUsername(username);

  /** Back to the state right after start: same seed, same population, no posts or tokens. */
  reset(): void {
    const wasRunning = this.generator.running;
    this.generator.stop();
    this.posts.clear();
    this.users.clear();
    this.search.clear();
    this.xAuth.clearTokens();
    this.xRate.reset();
    this.xRateDay.reset();
    this.fsqRate.reset();
    this.fsq.clear();
    this.push.clear();
    this.faults.clear();
    this.log.clear();
    this.registerClients();
    this.generator = this.createGenerator();
    if (wasRunning) this.generator.start();
  }

  private registerClients(): void {
    const tw = this.options.twitter ?? {};
    const clientId = tw.clientId ?? "megaphone-dev-client";
    this.xAuth.registerClient({
      clientId,
      clientSecret: tw.clientSecret ?? "megaphone-dev-secret",
      name: "Megaphone (sandbox)",
      redirectUris: tw.redirectUris,
    });
    this.xAuth.registerStaticAppBearer(tw.devBearerToken ?? DEV_BEARER_TOKEN, clientId);
  }

  private createGenerator(): TrafficGenerator {
    const gen = new TrafficGenerator(
      {
        clock: this.clock,
        users: this.users,
        posts: this.posts,
        generateCheckin: (prng, venues, ms) => {
          const user = this.fsq.randomUser(prng);
          const venue = this.fsq.addVenue(prng.pick(venues));
          const tag = this.generator.config.brandHashtags[0];
          const shout = prng.chance(0.4) ? `Coffee break${tag ? ` #${tag}` : ""}` : undefined;
          const checkin = this.fsq.addCheckin(user.id, venue, ms, shout);
          void this.push.deliver(checkin, user, this.fsq.hasAuthorized(user.id), this.clock.now());
        },
      },
      this.seed,
      this.options.generator,
    );
    for (const v of gen.config.venues) this.fsq.addVenue(v);
    return gen;
  }
}
