import { RateLimiterRedis, type RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "../env";
import { getRedis } from "../redis";

/**
 * The two sign-in locks, counted in Redis by rate-limiter-flexible so every web process shares
 * them. Their sizes are the operator's LOGIN_* settings, exactly (ABUSE_LIMIT_MULTIPLIER does
 * not scale them: the e2e tier relies on the real numbers).
 *
 * - per email + client IP: LOGIN_MAX_FAILURES in the window; a guesser on one network stops;
 * - per email, from anywhere: LOGIN_ACCOUNT_MAX_FAILURES in the window. Rotating addresses (or
 *   a botnet) cannot escape it. Keyed on the email, not the user, so an address without an
 *   account locks the same way and the lock tells nothing about who has signed up.
 */
export type LoginLock = "ip" | "account";

const limiters = new Map<string, RateLimiterRedis>();

function limiter(lock: LoginLock): RateLimiterRedis {
  const env = getEnv();
  const points = lock === "ip" ? env.LOGIN_MAX_FAILURES : env.LOGIN_ACCOUNT_MAX_FAILURES;
  const id = `${lock}|${points}|${env.LOGIN_FAILURE_WINDOW_SECONDS}`;
  let found = limiters.get(id);
  if (!found) {
    found = new RateLimiterRedis({
      storeClient: getRedis("cache"),
      // The per email + IP prefix is the one the lock has always used: counts survive a deploy.
      keyPrefix: lock === "ip" ? "megaphone:signin-fail" : "megaphone:signin-fail-account",
      points,
      duration: env.LOGIN_FAILURE_WINDOW_SECONDS,
    });
    limiters.set(id, found);
  }
  return found;
}

export function loginLockKeys(email: string, ip: string): Record<LoginLock, string> {
  return { ip: `${email}|${ip}`, account: email };
}

/** The first lock that is engaged for this email and IP, with the seconds until it lifts. */
export async function engagedLoginLock(email: string, ip: string): Promise<{ lock: LoginLock; retryAfterSeconds: number } | null> {
  const keys = loginLockKeys(email, ip);
  for (const lock of ["account", "ip"] as const) {
    const l = limiter(lock);
    const state = await l.get(keys[lock]);
    if (state && state.consumedPoints >= l.points) {
      return { lock, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
    }
  }
  return null;
}

/**
 * Counts one failed sign-in against both locks. `accountLockedNow` is true for exactly one
 * failure per window: the one whose count reaches the account allowance (Redis increments
 * atomically, so concurrent failures cannot both see it).
 */
export async function recordLoginFailure(email: string, ip: string): Promise<{ accountLockedNow: boolean; retryAfterSeconds: number }> {
  const keys = loginLockKeys(email, ip);
  await limiter("ip").penalty(keys.ip, 1);
  const account = limiter("account");
  const res: RateLimiterRes = await account.penalty(keys.account, 1);
  return { accountLockedNow: res.consumedPoints === account.points, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** A success clears the email + IP count only: the account count keeps running, or a guesser
 * would get a fresh allowance each time the owner signs in. */
export async function clearIpLoginFailures(email: string, ip: string): Promise<void> {
  await limiter("ip").delete(loginLockKeys(email, ip).ip);
}

/**
 * A password reset proves control of the mailbox and makes any guessed password worthless, so
 * it lifts both locks for that email: the owner is not kept out by the attack they just defeated.
 */
export async function clearAllLoginFailures(email: string): Promise<void> {
  await limiter("account").delete(loginLockKeys(email, "").account);
  // The per email + IP counts are keyed by IP too; they lift with their window.
}
