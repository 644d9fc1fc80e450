import type { CustomerContext, TenantScope } from "../../auth/tenant-context";
import { newEmailedToken, hashEmailedToken } from "../../crypto/emailed-token";
import { getDb, type DbTx } from "../../db/client";
import { ZPortalToken } from "./portal.schemas";

/**
 * A portal customer's sessions. The browser holds a random token in a cookie scoped to the
 * brand's portal path; the database holds its hash, so ending a session (sign-out, erasure,
 * merge) ends every copy of the cookie at once. Staff sessions are a different table and a
 * different cookie: neither can stand in for the other.
 */
export const PORTAL_SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
export const PORTAL_SESSION_IDLE_MS = 14 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export async function startCustomerSession(tx: DbTx, scope: TenantScope, customerId: string, now: Date): Promise<IssuedSession> {
  const { token, tokenHash } = newEmailedToken();
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_MAX_AGE_MS);
  await tx.customerSession.create({ data: { tenantId: scope.tenantId, customerId, tokenHash, createdAt: now, lastSeenAt: now, expiresAt } });
  return { token, expiresAt };
}

/** The customer a cookie's token stands for in this brand, or null (unknown, ended, expired, idle, erased or merged away). */
export async function resolveCustomerSession(scope: TenantScope, token: string, now: Date = new Date()): Promise<CustomerContext | null> {
  if (!ZPortalToken.safeParse(token).success) return null;
  const db = getDb();
  const session = await db.customerSession.findUnique({
    where: { tenantId_tokenHash: { tenantId: scope.tenantId, tokenHash: hashEmailedToken(token) } },
    select: { id: true, customerId: true, lastSeenAt: true, expiresAt: true, endedAt: true, customer: { select: { erasedAt: true, mergedIntoId: true } } },
  });
  if (!session || session.endedAt) return null;
  const idle = now.getTime() - session.lastSeenAt.getTime() > PORTAL_SESSION_IDLE_MS;
  const gone = session.customer.erasedAt !== null || session.customer.mergedIntoId !== null;
  if (session.expiresAt <= now || idle || gone) {
    const endReason = gone ? "customer gone" : idle ? "idle" : "expired";
    await db.customerSession.updateMany({ where: { tenantId: scope.tenantId, id: session.id, endedAt: null }, data: { endedAt: now, endReason } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.customerSession.updateMany({ where: { tenantId: scope.tenantId, id: session.id }, data: { lastSeenAt: now } });
  }
  return { tenantId: scope.tenantId, tenantSlug: scope.tenantSlug, customerId: session.customerId, actor: { type: "CUSTOMER", id: session.customerId } };
}

/** Sign-out: the session behind this token ends for every copy of the cookie. */
export async function endCustomerSession(scope: TenantScope, token: string, now: Date = new Date()): Promise<void> {
  if (!ZPortalToken.safeParse(token).success) return;
  await getDb().customerSession.updateMany({
    where: { tenantId: scope.tenantId, tokenHash: hashEmailedToken(token), endedAt: null },
    data: { endedAt: now, endReason: "signed out" },
  });
}

/** Every portal session of a customer (erasure, merge, staff's "sign out of the portal"). */
export async function endAllCustomerSessions(tx: DbTx, scope: TenantScope, customerId: string, reason: string, now: Date): Promise<number> {
  const { count } = await tx.customerSession.updateMany({
    where: { tenantId: scope.tenantId, customerId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return count;
}
