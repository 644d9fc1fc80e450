import { RateLimiterRedis } from "rate-limiter-flexible";
import { unsafeCrossTenantDb } from "../db/client";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { getRedis } from "../redis";
import { burnPasswordCheck, verifyPassword } from "./password";

let limiter: RateLimiterRedis | undefined;

/** Failed sign-ins per email + IP, in Redis so every web process shares the count. */
function failedSignIns(): RateLimiterRedis {
  const env = getEnv();
  limiter ??= new RateLimiterRedis({
    storeClient: getRedis("cache"),
    keyPrefix: "megaphone:signin-fail",
    points: env.LOGIN_MAX_FAILURES,
    duration: env.LOGIN_FAILURE_WINDOW_SECONDS,
  });
  return limiter;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Checks an email and password. After LOGIN_MAX_FAILURES failures for the same email and IP
 * within the window, every attempt is refused (RATE_LIMITED) until the window passes, even
 * with the right password, so guessing gains nothing.
 */
export async function verifyCredentials(rawEmail: string, password: string, ip: string): Promise<SignedInUser> {
  const email = rawEmail.trim().toLowerCase();
  const key = `${email}|${ip}`;
  const limit = failedSignIns();
  const state = await limit.get(key);
  if (state && state.consumedPoints >= limit.points) {
    throw new AppError("RATE_LIMITED", "too many failed sign-ins; try again later", {
      retryAfterSeconds: Math.ceil(state.msBeforeNext / 1000),
    });
  }
  const user = await unsafeCrossTenantDb().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    await limit.penalty(key, 1).catch(() => undefined);
    throw new AppError("UNAUTHENTICATED", "email or password is incorrect");
  }
  await limit.delete(key);
  return { id: user.id, email: user.email, name: user.name };
}
