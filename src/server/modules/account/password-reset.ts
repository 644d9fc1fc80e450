import { consumeLimits } from "../../abuse-limits";
import { hashPassword } from "../../auth/password";
import { endAllStaffSessions } from "../../auth/staff-sessions";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { queueMail } from "../mail/mail.service";
import { passwordResetMail } from "../mail/templates/staff-mail";
import { ZRequestPasswordReset, ZResetPassword, ZResetToken, type RequestPasswordResetInput, type ResetPasswordInput } from "./account.schemas";
import { passwordResetLimitChecks } from "./password-reset-limits";
import { hashEmailedToken as hashResetToken, newEmailedToken as newResetToken } from "../../crypto/emailed-token";
import { clearAllLoginFailures } from "../../auth/login-limits";

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;

const INVALID = () => new AppError("NOT_FOUND", "this reset link is no longer valid; ask for a new one");

/**
 * "Forgot your password?": emails a single-use link to the address if it has an account, and
 * does nothing else if not; the caller answers the same either way. A newer request revokes the
 * older links. Limited per client IP and per address (password-reset-limits.ts).
 */
export async function requestPasswordReset(raw: RequestPasswordResetInput, source: { ip: string }, now: Date = new Date()): Promise<void> {
  const { email } = ZRequestPasswordReset.parse(raw);
  await consumeLimits(passwordResetLimitChecks({ ip: source.ip, email }));
  const db = getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return;
  const { token, tokenHash } = newResetToken();
  const reset = await db.$transaction(async (tx) => {
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    return tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) },
      select: { id: true },
    });
  });
  const link = new URL(`/reset-password/${token}`, getEnv().APP_URL).toString();
  await queueMail({
    to: user.email,
    ...passwordResetMail({ link }),
    dedupeKey: `password-reset:${reset.id}`,
    secrets: [link],
  });
}

/** Whether a reset link can still be used (the page asks before showing the form). */
export async function isResetTokenUsable(token: string, now: Date = new Date()): Promise<boolean> {
  const parsed = ZResetToken.safeParse(token);
  if (!parsed.success) return false;
  const row = await getDb().passwordResetToken.findUnique({
    where: { tokenHash: hashResetToken(parsed.data) },
    select: { usedAt: true, revokedAt: true, expiresAt: true },
  });
  return Boolean(row && !row.usedAt && !row.revokedAt && row.expiresAt > now);
}

/**
 * Sets a new password with an emailed token: the token is claimed atomically (single use), the
 * user's other reset links are revoked, and every session of the user ends — whoever had the
 * account before the reset is out.
 */
export async function resetPassword(raw: ResetPasswordInput, now: Date = new Date()): Promise<{ email: string }> {
  const parsed = ZResetPassword.safeParse(raw);
  if (!parsed.success) {
    if (!ZResetToken.safeParse(raw.token).success) throw INVALID();
    throw parsed.error;
  }
  const input = parsed.data;
  const passwordHash = await hashPassword(input.password);
  const result = await getDb().$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateManyAndReturn({
      where: { tokenHash: hashResetToken(input.token), usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
      select: { userId: true },
    });
    const userId = claimed[0]?.userId;
    if (!userId) throw INVALID();
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { email: true } });
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await endAllStaffSessions(userId, "password-reset", { tx, now });
    return { email: user.email };
  });
  await clearAllLoginFailures(result.email);
  return result;
}
