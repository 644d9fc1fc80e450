import { randomBytes } from "node:crypto";
import { getDb, type DbTx } from "../db/client";
import { getEnv } from "../env";

/**
 * Server-side staff sessions. The next-auth JWT only names a session (`sid`); whether it is
 * still alive is decided here on every request, so a session can be ended before its cookie
 * expires: by signing out, signing out everywhere, a password change or reset, or a change to
 * the person's memberships. Rows are per user, not per tenant (a person is one login), so the
 * guarded client reads them without a tenant.
 */
export type SessionEndReason = "sign-out" | "sign-out-everywhere" | "password-changed" | "password-reset" | "membership-changed" | "idle-timeout" | "max-age";

/** lastSeenAt is written at most this often per session, so requests stay reads. */
const TOUCH_EVERY_MS = 60_000;

/** Starts a session at sign-in and drops this user's dead rows, so the table stays small. */
export async function startStaffSession(userId: string, now: Date = new Date()): Promise<string> {
  const id = `ses_${randomBytes(18).toString("base64url")}`;
  const { SESSION_MAX_AGE_SECONDS } = getEnv();
  const client = getDb();
  await client.staffSession.deleteMany({
    where: { userId, OR: [{ endedAt: { not: null } }, { createdAt: { lt: new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000) } }] },
  });
  await client.staffSession.create({ data: { id, userId, createdAt: now, lastSeenAt: now } });
  return id;
}

export type SessionCheck = { alive: true } | { alive: false; reason: SessionEndReason | "unknown" };

/**
 * Whether the session `sessionId` of `userId` may still act, at `now`. One primary-key read;
 * a live session's lastSeenAt moves forward (at most once a minute), and an idle or too-old
 * one is ended for good, so coming back later does not revive it.
 */
export async function checkStaffSession(sessionId: unknown, userId: unknown, now: Date = new Date()): Promise<SessionCheck> {
  if (typeof sessionId !== "string" || typeof userId !== "string" || sessionId.length > 100) return { alive: false, reason: "unknown" };
  const client = getDb();
  const row = await client.staffSession.findUnique({
    where: { id: sessionId },
    select: { userId: true, createdAt: true, lastSeenAt: true, endedAt: true, endReason: true },
  });
  if (!row || row.userId !== userId) return { alive: false, reason: "unknown" };
  if (row.endedAt) return { alive: false, reason: (row.endReason as SessionEndReason | null) ?? "unknown" };
  const env = getEnv();
  const t = now.getTime();
  const expired: SessionEndReason | null =
    t - row.createdAt.getTime() >= env.SESSION_MAX_AGE_SECONDS * 1000
      ? "max-age"
      : t - row.lastSeenAt.getTime() >= env.SESSION_IDLE_TIMEOUT_SECONDS * 1000
        ? "idle-timeout"
        : null;
  if (expired) {
    await endStaffSession(sessionId, expired, now);
    return { alive: false, reason: expired };
  }
  if (t - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    // Conditional: a concurrent end is never undone by a late touch.
    await client.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastSeenAt: now } });
  }
  return { alive: true };
}

export async function endStaffSession(sessionId: string, reason: SessionEndReason, now: Date = new Date()): Promise<void> {
  await getDb().staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
}

/**
 * Ends every live session of a user. Takes the caller's transaction so the change that requires
 * it (a new password, a lost membership) and the end land together.
 */
export async function endAllStaffSessions(userId: string, reason: SessionEndReason, options: { tx?: DbTx; now?: Date } = {}): Promise<number> {
  const { count } = await (options.tx ?? getDb()).staffSession.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: options.now ?? new Date(), endReason: reason },
  });
  return count;
}
