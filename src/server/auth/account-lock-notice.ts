import { unsafeCrossTenantDb } from "../db/client";
import { getEnv } from "../env";
import { getLogger } from "../logger";
import { queueMail } from "../modules/mail/mail.service";
import { accountLockedMail } from "../modules/mail/templates/staff-mail";

export interface AccountLockEvent {
  email: string;
  ip: string;
  retryAfterSeconds: number;
}

/**
 * The per-account sign-in lock has just engaged (once per window): logged always, and when the
 * address belongs to an account, its owner is told by email and each of its brands gets an
 * audit entry. The mail carries no secret, only the way back to the sign-in page.
 */
export async function reportAccountLocked(event: AccountLockEvent): Promise<void> {
  const db = unsafeCrossTenantDb();
  const user = await db.user.findUnique({
    where: { email: event.email },
    select: { id: true, email: true, memberships: { select: { tenantId: true } } },
  });
  getLogger().warn(
    { event: "auth.account_locked", userId: user?.id ?? null, ip: event.ip, retryAfterSeconds: event.retryAfterSeconds },
    "sign-ins locked for an account after repeated failures",
  );
  if (!user) return;
  const failures = getEnv().LOGIN_ACCOUNT_MAX_FAILURES;
  if (user.memberships.length) {
    await db.auditLog.createMany({
      data: user.memberships.map((m) => ({
        tenantId: m.tenantId,
        actorType: "SYSTEM" as const,
        actorId: null,
        action: "auth.account_locked",
        targetType: "User",
        targetId: user.id,
        data: { failures, lastIp: event.ip, lockedForSeconds: event.retryAfterSeconds },
      })),
    });
  }
  const minutes = Math.max(1, Math.ceil(event.retryAfterSeconds / 60));
  const signIn = new URL("/signin", getEnv().APP_URL).toString();
  const reset = new URL("/forgot-password", getEnv().APP_URL).toString();
  const lockEnds = Math.floor(Date.now() / 1000) + event.retryAfterSeconds;
  await queueMail({
    to: user.email,
    ...accountLockedMail({ email: user.email, failures, ip: event.ip, minutes, signInLink: signIn, resetLink: reset }),
    dedupeKey: `account-locked:${user.id}:${lockEnds}`,
  });
}
