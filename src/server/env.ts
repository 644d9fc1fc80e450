import { existsSync } from "node:fs";
import { z } from "zod";

/**
 * The one place that reads process.env. The web app (instrumentation.ts), the worker, the
 * sandbox, scripts and tests all call `getEnv()`; a missing or malformed variable stops the
 * process at start with the variable's name.
 */
const emptyAsUnset = (v: unknown) => (v === "" ? undefined : v);

const ZBool = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

const ZList = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined),
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
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),

  APP_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** base64 of 32 random bytes; encrypts OAuth tokens and channel credentials (AES-256-GCM). */
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be base64 of exactly 32 bytes"),
  SECURE_COOKIES: z.preprocess(emptyAsUnset, ZBool.optional()),

  MAIL_FROM: z.string().default("Megaphone <no-reply@megaphone.local>"),
  /** Shows every sent email at /dev/outbox. Local machines only: it has no sign-in. */
  MAIL_OUTBOX_PAGE: z.preprocess(emptyAsUnset, ZBool.default(false)),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),

  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(8),
  /**
   * How long a worker holds a job before others may take it over as stalled (BullMQ lock). A
   * worker that dies mid-job is noticed after about this long; its job then runs again.
   */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /**
   * Test-only fault injection, never set outside tests. `crash-before-commit` / `crash-after-commit`:
   * the ingest exits the process (as kill -9 would) right before or right after its transaction
   * commits. `pause-before-poll` / `pause-before-ingest`: the worker's event loop is blocked
   * synchronously (as a CPU-heavy handler would) for up to FAULT_PAUSE_MS, once per process, right
   * before a poll job's handler runs / after a page is fetched and before its transaction, so its
   * BullMQ lock expires and another worker takes the job over (see src/server/fault-injection.ts).
   */
  FAULT_INJECTION: z.preprocess(
    emptyAsUnset,
    z.enum(["crash-before-commit", "crash-after-commit", "pause-before-poll", "pause-before-ingest"]).optional(),
  ),
  /** With a `pause-*` fault: the longest the event loop stays blocked (ms). */
  FAULT_PAUSE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** With a `pause-*` fault: the pause ends early once this file exists (lets a test release it). */
  FAULT_PAUSE_RELEASE_FILE: z.preprocess(emptyAsUnset, z.string().optional()),
  /** How often each listening source is polled, and how often the scheduler looks for due ones. */
  LISTENING_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** How long a process reuses a tenant's rules and campaigns while scoring (0 = never). */
  SCORING_CONTEXT_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /** A source RUNNING longer than this is presumed abandoned (its worker or Redis died) and is polled again. */
  LISTENING_STALE_RUN_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(15 * 60_000),
  LISTENING_SCHEDULER_EVERY_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** How often each linked Foursquare account is polled for check-ins (push brings them at once; polling catches what push missed). */
  FOURSQUARE_CHECKIN_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** Replay window of the Foursquare push receiver: a pushed check-in further than this from now is refused (polling still collects it). */
  FOURSQUARE_PUSH_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3_600),
});

export type Env = z.infer<typeof ZEnv>;
export type SandboxEnv = z.infer<typeof ZSandboxEnv>;

let cached: Env | undefined;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(ZEnv, source);
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
