import { existsSync } from "node:fs";
import { z } from "zod";
import { parseRedisUrl, RedisUrlError } from "./redis-url";

/**
 * The one place that reads process.env. The web app (instrumentation.ts), the worker, the
 * sandbox, scripts and tests all call `getEnv()`; a missing or malformed variable stops the
 * process at start with the variable's name.
 */
const emptyAsUnset = (v: unknown) => (v === "" ? undefined : v);

const ZBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const ZList = z.preprocess(
  (v) =>
    typeof v === "string" && v.trim() !== ""
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
  z.array(z.string().min(1)).min(1).optional(),
);

const ZOptionalUrl = z.preprocess(emptyAsUnset, z.url().optional());

/** What the social sandbox reads: it runs without the app's database, Redis or secrets. */
export const ZSandboxEnv = z.object({
  SANDBOX_HOST: z.string().default("127.0.0.1"),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  SANDBOX_SEED: z.coerce.number().int().default(42),
  SANDBOX_TRAFFIC_PER_MINUTE: z.coerce.number().min(0).default(30),
  /** What the generated traffic talks about (comma-separated): the demo brand by default. */
  SANDBOX_BRAND_KEYWORDS: ZList.default(["Tasti D-Lite"]),
  SANDBOX_BRAND_HANDLES: ZList.default(["TastiDLite"]),
  SANDBOX_BRAND_HASHTAGS: ZList.default(["TastiRewards"]),
  /** Posts of history generated at start, so a fresh demo's first poll finds mentions. */
  SANDBOX_INITIAL_POSTS: z.coerce.number().int().min(0).max(2_000_000).default(2000),
  /**
   * The sandbox's SMTP mail catcher, always on 127.0.0.1 (0 = off). Point SMTP_URL at it and read
   * the mail at http://127.0.0.1:SANDBOX_PORT/__mail (loopback only).
   */
  SANDBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(4025),

  TWITTER_API_BASE_URL: ZOptionalUrl,
  TWITTER_CLIENT_ID: z.string().default("megaphone-dev-client"),
  TWITTER_CLIENT_SECRET: z.string().default("megaphone-dev-secret"),
  FOURSQUARE_API_BASE_URL: ZOptionalUrl,
  FOURSQUARE_CLIENT_ID: z.string().default("megaphone-dev-fsq-client"),
  FOURSQUARE_CLIENT_SECRET: z.string().default("megaphone-dev-fsq-secret"),
  FOURSQUARE_PUSH_SECRET: z.string().default("megaphone-dev-push-secret"),
});

export const ZEnv = ZSandboxEnv.extend({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(40).default(10),
  /** One server (redis://host:port/db) or a Redis Cluster's nodes (redis+cluster://host:port,host:port,…); see redis-url.ts. */
  REDIS_URL: z.string().superRefine((value, ctx) => {
    try {
      parseRedisUrl(value);
    } catch (error) {
      if (!(error instanceof RedisUrlError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
    }
  }),

  APP_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** base64 of 32 random bytes; encrypts OAuth tokens and channel credentials (AES-256-GCM). */
  ENCRYPTION_KEY: z.string().refine((v) => Buffer.from(v, "base64").length === 32, "must be base64 of exactly 32 bytes"),
  SECURE_COOKIES: z.preprocess(emptyAsUnset, ZBool.optional()),

  MAIL_FROM: z.string().default("Megaphone <no-reply@megaphone.local>"),
  /** Where the worker delivers mail (smtp:// or smtps://). Empty: mail is only logged (and kept in the development outbox when that is on). */
  SMTP_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^smtps?$/ }).optional()),
  /**
   * DEVELOPMENT ONLY. Shows every sent email at /dev/outbox, to loopback requests only. It has no
   * sign-in, so the env module refuses it when NODE_ENV=production.
   */
  MAIL_OUTBOX_PAGE: z.preprocess(emptyAsUnset, ZBool.default(false)),
  /**
   * Where uploaded images (brand logos, reward pictures) are kept: `local` (a directory on this
   * machine, the default) or `s3` (any S3-compatible store; the S3_* variables below).
   */
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  /** The local driver's directory (created on demand; relative paths are from the working directory). */
  STORAGE_LOCAL_DIR: z.preprocess(emptyAsUnset, z.string().default(".data/uploads")),
  /** The S3 driver's endpoint; empty: AWS S3 in S3_REGION. MinIO, R2, Ceph and the like: their URL. */
  S3_ENDPOINT: ZOptionalUrl,
  S3_REGION: z.preprocess(emptyAsUnset, z.string().default("us-east-1")),
  S3_BUCKET: z.preprocess(emptyAsUnset, z.string().optional()),
  S3_ACCESS_KEY_ID: z.preprocess(emptyAsUnset, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  /** Address objects as ENDPOINT/BUCKET/KEY instead of BUCKET.ENDPOINT/KEY (MinIO and most self-hosted stores need it). */
  S3_FORCE_PATH_STYLE: z.preprocess(emptyAsUnset, ZBool.default(false)),
  /** Failed sign-ins per email + client IP before that pair is locked for the window. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  /** Failed sign-ins per account from any IP before the account is locked for the window (IP rotation cannot escape it). */
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Scales every abuse limit (sign-up, invitations, password resets…); tests raise it. Leave 1 in production. */
  ABUSE_LIMIT_MULTIPLIER: z.coerce.number().min(0.01).max(10_000).default(1),
  /** Requests per minute one API key may make to /api/v1 (RateLimit-* headers; 429 beyond). */
  API_KEY_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /**
   * Lets webhook endpoints resolve to private, loopback or link-local addresses (a self-hosted
   * install delivering inside its own network; the tests). Off: such endpoints are refused (SSRF).
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.preprocess(emptyAsUnset, ZBool.default(false)),
  /**
   * Proxies whose X-Forwarded-For / X-Forwarded-Host / X-Forwarded-Proto are believed
   * (comma-separated IPs or CIDRs, e.g. "127.0.0.1,10.0.0.0/8"). Empty: no forwarded header is
   * trusted and the client is the TCP peer.
   */
  TRUSTED_PROXIES: ZList,
  /** A staff session ends after this long without a request (seconds; default 12 h). */
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(12 * 3600),
  /** A staff session ends this long after sign-in whatever its activity (seconds; default 7 days). */
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(90 * 86_400)
    .default(7 * 86_400),
  /**
   * The platform-wide queue view (every tenant's jobs) for platform operators. Off by default;
   * even when on, only users granted the operator role (never a tenant role) reach it.
   */
  PLATFORM_OPERATOR_VIEW: z.preprocess(emptyAsUnset, ZBool.default(false)),

  /**
   * Jobs each worker process runs at once, per queue (src/server/jobs/queue-names.ts). Separate
   * budgets keep one kind of work from starving another: a flood of polls fills `listening`
   * while a redemption email still goes out on `mail`.
   */
  WORKER_CONCURRENCY_LISTENING: z.coerce.number().int().min(1).max(200).default(8),
  /** Point reversals (deleted posts): writes to the ledger, kept small so they never crowd ingest's connections. */
  WORKER_CONCURRENCY_LEDGER: z.coerce.number().int().min(1).max(200).default(2),
  /** Posting awards on customers' behalf and refreshing linked profiles (network-bound). */
  WORKER_CONCURRENCY_SHARING: z.coerce.number().int().min(1).max(200).default(4),
  /** Outgoing mail (SMTP-bound; invitations, resets and redemption emails). */
  WORKER_CONCURRENCY_MAIL: z.coerce.number().int().min(1).max(200).default(4),
  /** Scheduler ticks and housekeeping (sentiment rollups): short jobs, few at a time. */
  WORKER_CONCURRENCY_MAINTENANCE: z.coerce.number().int().min(1).max(200).default(2),
  /**
   * How long a worker holds a job before others may take it over as stalled (BullMQ lock, renewed
   * every half of it while the job runs). A worker killed mid-job is noticed once this has passed
   * and the next stalled-job check runs, so lock + check interval bound how long its work waits
   * (4 s + 1 s by default: a crashed worker's polls are running again within 10 s, see
   * tests/integration/pipeline/worker-sigkill.test.ts). Raise it only if a handler may block its
   * event loop for more than half of it (its lock would lapse and the job run twice).
   */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(500).max(600_000).default(4_000),
  /**
   * How often each worker looks for stalled jobs (active, lock expired) and puts them back (ms).
   * One short script per queue; Redis runs at most one per interval whatever the number of workers.
   */
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(250).max(300_000).default(1_000),
  /**
   * DEVELOPMENT/TEST ONLY (refused when NODE_ENV=production). Test-only fault injection, never set outside tests. `crash-before-commit` / `crash-after-commit`:
   * the ingest exits the process (as kill -9 would) right before or right after its transaction
   * commits. `pause-before-poll` / `pause-before-ingest`: the worker's event loop is blocked
   * synchronously (as a CPU-heavy handler would) for up to FAULT_PAUSE_MS, once per process, right
   * before a poll job's handler runs / after a page is fetched and before its transaction, so its
   * BullMQ lock expires and another worker takes the job over (see src/server/fault-injection.ts).
   */
  FAULT_INJECTION: z.preprocess(emptyAsUnset, z.enum(["crash-before-commit", "crash-after-commit", "pause-before-poll", "pause-before-ingest"]).optional()),
  /** With a `pause-*` fault: the longest the event loop stays blocked (ms). */
  FAULT_PAUSE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** With a `pause-*` fault: the pause ends early once this file exists (lets a test release it). */
  FAULT_PAUSE_RELEASE_FILE: z.preprocess(emptyAsUnset, z.string().optional()),
  /** How often each listening source is polled, and how often the scheduler looks for due ones. */
  LISTENING_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /**
   * Share of the post-lookup allowance left in the network's window (its rate-limit headers) that
   * one deletion pass may spend; the rest stays for other features and the next pass.
   */
  DELETION_CHECK_LOOKUP_SHARE: z.coerce.number().min(0.05).max(1).default(0.5),
  /** How long a process reuses a tenant's rules and campaigns while scoring (0 = never). */
  SCORING_CONTEXT_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /** A source RUNNING longer than this is presumed abandoned (its worker or Redis died) and is polled again. */
  LISTENING_STALE_RUN_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(86_400_000)
    .default(15 * 60_000),
  LISTENING_SCHEDULER_EVERY_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** How often each linked Foursquare account is polled for check-ins (push brings them at once; polling catches what push missed). */
  FOURSQUARE_CHECKIN_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** Replay window of the Foursquare push receiver: a pushed check-in further than this from now is refused (polling still collects it). */
  FOURSQUARE_PUSH_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3_600),
});

/**
 * Switches that exist for development and tests only. Each one weakens a production guarantee
 * (an unauthenticated page, deliberate crashes), so a production process refuses to start with
 * any of them set rather than trusting whoever wrote its environment.
 */
export const DEV_ONLY_SWITCHES = ["MAIL_OUTBOX_PAGE", "FAULT_INJECTION"] as const;

/** With STORAGE_DRIVER=s3 the bucket and both keys are required (the rest has defaults). */
const S3_REQUIRED = ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

const ZEnvChecked = ZEnv.superRefine((env, ctx) => {
  if (env.STORAGE_DRIVER === "s3") {
    for (const name of S3_REQUIRED) if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required when STORAGE_DRIVER=s3" });
  }
  if (env.NODE_ENV !== "production") return;
  const on: Record<(typeof DEV_ONLY_SWITCHES)[number], boolean> = {
    MAIL_OUTBOX_PAGE: env.MAIL_OUTBOX_PAGE,
    FAULT_INJECTION: env.FAULT_INJECTION !== undefined,
  };
  for (const name of DEV_ONLY_SWITCHES) {
    if (on[name]) ctx.addIssue({ code: "custom", path: [name], message: "is a development-only switch and must not be set when NODE_ENV=production" });
  }
});

export type Env = z.infer<typeof ZEnv>;
export type SandboxEnv = z.infer<typeof ZSandboxEnv>;

let cached: Env | undefined;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(ZEnvChecked, source);
}

function parseWith<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
}

function loadDotEnv(): void {
  // Variables already set in the environment win over the file (loadEnvFile never overrides).
  if (!process.env.MEGAPHONE_ENV_LOADED && existsSync(".env")) process.loadEnvFile(".env");
  process.env.MEGAPHONE_ENV_LOADED = "1";
}

/** Loads `.env` (when present and not already loaded by Next) and validates the environment once. */
export function getEnv(): Env {
  if (cached) return cached;
  loadDotEnv();
  cached = parseEnv(process.env);
  return cached;
}

/** The sandbox's own settings only. */
export function getSandboxEnv(): SandboxEnv {
  loadDotEnv();
  return parseWith(ZSandboxEnv, process.env);
}

/** Tests that change the environment call this so the next `getEnv()` re-reads it. */
export function resetEnvCache(): void {
  cached = undefined;
}
