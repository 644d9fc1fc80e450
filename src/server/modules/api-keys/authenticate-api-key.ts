import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { TenantContext } from "../../auth/tenant-context";
import { hashEmailedToken } from "../../crypto/emailed-token";
import { unsafeCrossTenantDb } from "../../db/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { getRedis } from "../../redis";
import { API_KEY_MARK } from "./api-keys.service";

/** lastUsedAt is written at most this often per key: a busy integration must not write on every read. */
const TOUCH_EVERY_MS = 60_000;
const MAX_SECRET_LENGTH = 200;

/** One answer for every key that does not open this door, so a caller learns nothing about other keys. */
const invalidKey = () => new AppError("UNAUTHENTICATED", "the API key is not valid (unknown, expired or revoked)");

/** The secret of an `Authorization: Bearer mgp_…` header; null when the request carries no bearer key. */
export function bearerKeyOf(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (!value) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (!match) throw new AppError("UNAUTHENTICATED", "the Authorization header must be `Bearer <API key>`");
  return match[1]!;
}

/**
 * The staff-like context an API key stands for in the tenant the URL names: its maker's role and
 * its scopes (both checked by assertCan). Unknown, revoked and expired keys are all 401 with the
 * same words; a valid key of another brand is that brand's 404, like a member's foreign tenant.
 */
export async function authenticateApiKey(secret: string, tenantSlug: string, now = new Date()): Promise<TenantContext> {
  if (!secret.startsWith(API_KEY_MARK) || secret.length > MAX_SECRET_LENGTH) throw invalidKey();
  // cross-tenant: a key is found by its hash before anyone knows its tenant; the tenant is then checked against the URL.
  const db = unsafeCrossTenantDb();
  const key = await db.apiKey.findUnique({
    where: { keyHash: hashEmailedToken(secret) },
    select: { id: true, tenantId: true, role: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) throw invalidKey();
  const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug }, select: { id: true } });
  if (tenant?.id !== key.tenantId) throw AppError.notFound("tenant");
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.apiKey.updateMany({ where: { tenantId: key.tenantId, id: key.id }, data: { lastUsedAt: now } });
  }
  return { tenantId: key.tenantId, tenantSlug, role: key.role, actor: { type: "API_KEY", id: key.id }, scopes: new Set(key.scopes) };
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

let limiter: { perMinute: number; instance: RateLimiterRedis } | undefined;

function keyLimiter(): RateLimiterRedis {
  const perMinute = getEnv().API_KEY_REQUESTS_PER_MINUTE;
  if (limiter?.perMinute !== perMinute) {
    limiter = {
      perMinute,
      instance: new RateLimiterRedis({ storeClient: getRedis("cache"), keyPrefix: "megaphone:limit:api-key", points: perMinute, duration: 60 }),
    };
  }
  return limiter.instance;
}

/**
 * Spends one request of the key's minute (shared by every web process through Redis): the state
 * for the RateLimit-* headers, and whether this request is over the limit (the guard answers 429).
 */
export async function consumeApiKeyRequest(ctx: TenantContext): Promise<RateLimitState & { allowed: boolean }> {
  const instance = keyLimiter();
  const state = (res: RateLimiterRes, allowed: boolean) => ({
    allowed,
    limit: instance.points,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });
  try {
    return state(await instance.consume(ctx.actor.id ?? "", 1), true);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return state(error, false);
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return { "RateLimit-Limit": String(state.limit), "RateLimit-Remaining": String(state.remaining), "RateLimit-Reset": String(state.resetSeconds) };
}
