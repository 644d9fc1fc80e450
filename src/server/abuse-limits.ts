import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "./env";
import { AppError } from "./errors";
import { getRedis } from "./redis";

/**
 * Burst and daily limits on actions an anonymous or hostile caller can repeat (sign-up,
 * invitations, password resets, sign-in, webhook signatures), counted in Redis through
 * rate-limiter-flexible so every web process shares them. Each limit is declared once with
 * `defineLimit`; ABUSE_LIMIT_MULTIPLIER scales every allowance (tests that sign up hundreds of
 * brands from one IP raise it; production leaves it at 1).
 */
export interface LimitRule {
  /** Redis key prefix: stable, e.g. "signup:ip:burst". */
  name: string;
  points: number;
  durationSeconds: number;
  /** Shown to the caller: "too many sign-ups from this network". */
  message: string;
}

export function defineLimit(rule: LimitRule): LimitRule {
  return rule;
}

const limiters = new Map<string, RateLimiterRedis>();

function limiterFor(rule: LimitRule): RateLimiterRedis {
  const points = Math.max(1, Math.round(rule.points * getEnv().ABUSE_LIMIT_MULTIPLIER));
  const id = `${rule.name}|${points}|${rule.durationSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterRedis({
      storeClient: getRedis("cache"),
      keyPrefix: `megaphone:limit:${rule.name}`,
      points,
      duration: rule.durationSeconds,
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

function refused(rule: LimitRule, res: RateLimiterRes): AppError {
  return new AppError("RATE_LIMITED", rule.message, { retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) });
}

/**
 * Spends one point of each (rule, key) pair, all or nothing from the caller's point of view:
 * the first exhausted one refuses with RATE_LIMITED and a Retry-After. Keys are caller-chosen
 * (an IP, a lower-cased email, a tenant id).
 */
export async function consumeLimits(checks: Array<{ rule: LimitRule; key: string }>): Promise<void> {
  for (const { rule, key } of checks) {
    try {
      await limiterFor(rule).consume(key, 1);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw refused(rule, error);
      throw error;
    }
  }
}

/** Whether a key is already over a rule's allowance, without spending a point. */
export async function isLimited(rule: LimitRule, key: string): Promise<{ limited: boolean; retryAfterSeconds: number }> {
  const limiter = limiterFor(rule);
  const state = await limiter.get(key);
  const limited = Boolean(state && state.consumedPoints >= limiter.points);
  return { limited, retryAfterSeconds: state ? Math.ceil(state.msBeforeNext / 1000) : 0 };
}

/** Spends a point without refusing (counting failures that a later request is judged by). */
export async function penalize(rule: LimitRule, key: string): Promise<void> {
  await limiterFor(rule).penalty(key, 1);
}

export async function resetLimit(rule: LimitRule, key: string): Promise<void> {
  await limiterFor(rule).delete(key);
}
