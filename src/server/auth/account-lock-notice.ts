import { unsafeCrossTenantDb } from "../db/client";
import { getEnv } from "../env";
import { getLogger } from "../logger";
import { queueMail } from "../modules/mail/mail.service";

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
    subject: "Sign-ins to your Megaphone account are paused",
    text:
      `There were ${failures} failed attempts to sign in to your Megaphone account (${user.email}) with a wrong password, ` +
      `the last from the network address ${event.ip}.\n\n` +
      `To protect the account, sign-ins are paused for about ${minutes} minutes, even with the right password. ` +
      `Your password was not revealed and nothing in the account changed.\n\n` +
      `If this was you, wait and sign in again: ${signIn}\n` +
      `If it was not you, someone is guessing your password: choose a new, unique password now (this also ends the pause): ${reset}`,
    dedupeKey: `account-locked:${user.id}:${lockEnds}`,
  });
}
