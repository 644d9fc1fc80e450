import { defineLimit, isLimited, penalize, resetLimit } from "../../abuse-limits";
import { hashPassword, verifyPassword } from "../../auth/password";
import { endAllStaffSessions, startStaffSession } from "../../auth/staff-sessions";
import { getDb, unsafeCrossTenantDb } from "../../db/client";
import { AppError } from "../../errors";
import { queueMail } from "../mail/mail.service";
import { passwordChangedMail } from "../mail/templates/staff-mail";
import { ZChangePassword, type ChangePasswordInput } from "./account.schemas";

/** A stolen session must not become a password-guessing oracle for the account. */
const WRONG_CURRENT_PASSWORD = defineLimit({
  name: "password-change:user:failures",
  points: 5,
  durationSeconds: 900,
  message: "too many wrong passwords; try again later",
});

/**
 * Changes the signed-in user's password, with the current one as proof. Every session of the
 * user ends — including the one asking, because a thief may hold a copy of exactly that cookie —
 * and a fresh session is started for the caller to carry on in (the action re-issues its
 * cookie). The owner is told by email, in case it was not them.
 */
export async function changePassword(userId: string, raw: ChangePasswordInput): Promise<{ sessionId: string; sessionsEnded: number }> {
  const input = ZChangePassword.parse(raw);
  const limited = await isLimited(WRONG_CURRENT_PASSWORD, userId);
  if (limited.limited) throw new AppError("RATE_LIMITED", WRONG_CURRENT_PASSWORD.message, { retryAfterSeconds: limited.retryAfterSeconds });
  // Users are global (not tenant data); passwordHash is omitted by default and named here.
  const user = await unsafeCrossTenantDb().user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in to continue");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await penalize(WRONG_CURRENT_PASSWORD, userId);
    throw new AppError("VALIDATION_FAILED", "your current password is not right", {
      issues: [{ path: "currentPassword", message: "not your current password" }],
    });
  }
  await resetLimit(WRONG_CURRENT_PASSWORD, userId);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    // An emailed reset link for the old password has no business outliving it.
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    return endAllStaffSessions(userId, "password-changed", { tx });
  });
  const sessionId = await startStaffSession(userId);
  await queueMail({
    to: user.email,
    ...passwordChangedMail(),
    dedupeKey: `password-changed:${userId}:${Date.now()}`,
  });
  return { sessionId, sessionsEnded: ended };
}
