import { describe, expect, it } from "vitest";
import { resetLimit } from "../../src/server/abuse-limits";
import { hashPassword } from "../../src/server/auth/password";
import { recordLoginFailure } from "../../src/server/auth/login-limits";
import { verifyCredentials } from "../../src/server/auth/sign-in";
import { getEnv } from "../../src/server/env";
import { checkStaffSession, startStaffSession } from "../../src/server/auth/staff-sessions";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { isResetTokenUsable, requestPasswordReset, resetPassword, RESET_TOKEN_TTL_MS } from "../../src/server/modules/account/password-reset";
import { PASSWORD_RESET_LIMITS } from "../../src/server/modules/account/password-reset-limits";
import { hashEmailedToken as hashResetToken } from "../../src/server/crypto/emailed-token";
import { createTenantWithMember } from "../integration/support/factories";
import { queuedMails, type QueuedMail } from "../integration/support/queued-mail";

/** Password reset (issue 9, items 8 and 9): hashed single-use expiring tokens, sessions end, limits. */
const OLD_PASSWORD = "the old password, sadly";
const NEW_PASSWORD = "a new password at last";

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

async function accountWithPassword() {
  const { user } = await createTenantWithMember("OWNER");
  await unsafeCrossTenantDb().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(OLD_PASSWORD) } });
  return user;
}

async function mailsTo(email: string): Promise<QueuedMail[]> {
  return queuedMails((mail) => mail.to === email && /reset/i.test(mail.subject));
}

function tokenIn(mail: QueuedMail): string {
  const match = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error("no reset link in the email");
  return match[1];
}

describe("password reset", () => {
  it("answers the same for an unknown address; a known one gets a link whose token is stored only as a hash", async () => {
    const user = await accountWithPassword();
    await expect(requestPasswordReset({ email: "nobody-here@example.test" }, { ip: freshIp() })).resolves.toBeUndefined();
    await expect(requestPasswordReset({ email: user.email.toUpperCase() }, { ip: freshIp() })).resolves.toBeUndefined();

    expect(await mailsTo("nobody-here@example.test")).toEqual([]);
    const [mail] = await mailsTo(user.email);
    expect(mail).toBeDefined();
    const token = tokenIn(mail!);
    // The link is named a secret, so the mail module can keep it out of what it stores.
    expect(mail!.secrets.some((secret) => secret.includes(token))).toBe(true);
    // …and the job waiting in Redis holds it sealed only.
    expect(mail!.clearBody).not.toContain(token);

    const rows = await unsafeCrossTenantDb().passwordResetToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashResetToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(RESET_TOKEN_TTL_MS);
  });

  it("a reset sets the password, works once, and ends every session of the account", async () => {
    const user = await accountWithPassword();
    const sessions = [await startStaffSession(user.id), await startStaffSession(user.id)];
    await requestPasswordReset({ email: user.email }, { ip: freshIp() });
    const token = tokenIn((await mailsTo(user.email))[0]!);
    expect(await isResetTokenUsable(token)).toBe(true);

    await expect(resetPassword({ token, password: NEW_PASSWORD })).resolves.toEqual({ email: user.email });

    for (const sid of sessions) expect(await checkStaffSession(sid, user.id)).toEqual({ alive: false, reason: "password-reset" });
    await expect(verifyCredentials(user.email, NEW_PASSWORD, freshIp())).resolves.toMatchObject({ id: user.id });
    await expect(verifyCredentials(user.email, OLD_PASSWORD, freshIp())).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    // Single use.
    expect(await isResetTokenUsable(token)).toBe(false);
    await expect(resetPassword({ token, password: "yet another password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lifts the account's sign-in lock: the guesser's lock does not keep the owner out after a reset", async () => {
    const user = await accountWithPassword();
    for (let i = 0; i < getEnv().LOGIN_ACCOUNT_MAX_FAILURES; i++) await recordLoginFailure(user.email, freshIp());
    await expect(verifyCredentials(user.email, OLD_PASSWORD, freshIp())).rejects.toMatchObject({ code: "RATE_LIMITED" });

    await requestPasswordReset({ email: user.email }, { ip: freshIp() });
    await resetPassword({ token: tokenIn((await mailsTo(user.email))[0]!), password: NEW_PASSWORD });
    await expect(verifyCredentials(user.email, NEW_PASSWORD, freshIp())).resolves.toMatchObject({ id: user.id });
  });

  it("a link expires after 30 minutes, a newer request revokes the older link, and a made-up token opens nothing", async () => {
    const user = await accountWithPassword();
    const now = Date.now();
    await requestPasswordReset({ email: user.email }, { ip: freshIp() }, new Date(now));
    const first = tokenIn((await mailsTo(user.email))[0]!);
    expect(await isResetTokenUsable(first, new Date(now + RESET_TOKEN_TTL_MS + 1000))).toBe(false);
    await expect(resetPassword({ token: first, password: NEW_PASSWORD }, new Date(now + RESET_TOKEN_TTL_MS + 1000))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await requestPasswordReset({ email: user.email }, { ip: freshIp() });
    const tokens = (await mailsTo(user.email)).map(tokenIn);
    const second = tokens.find((t) => t !== first)!;
    await expect(resetPassword({ token: first, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resetPassword({ token: "A".repeat(43), password: NEW_PASSWORD })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resetPassword({ token: "../../etc", password: NEW_PASSWORD })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resetPassword({ token: second, password: NEW_PASSWORD })).resolves.toEqual({ email: user.email });
  });

  it("limits requests per client IP (burst and daily) whether or not the addresses exist", async () => {
    const ip = freshIp();
    const { ipBurst, ipDaily } = PASSWORD_RESET_LIMITS;
    for (let i = 0; i < ipBurst.points; i++) await requestPasswordReset({ email: `walker-${i}@example.test` }, { ip });
    await expect(requestPasswordReset({ email: "walker-x@example.test" }, { ip })).rejects.toMatchObject({ code: "RATE_LIMITED", message: ipBurst.message });
    await expect(requestPasswordReset({ email: "walker-x@example.test" }, { ip: freshIp() })).resolves.toBeUndefined();

    // Past the burst window (reset here instead of waiting), the daily allowance still runs out.
    const slow = freshIp();
    let refused: unknown = null;
    for (let i = 0; i <= ipDaily.points && !refused; i++) {
      if (i % ipBurst.points === 0) await resetLimit(ipBurst, slow);
      refused = await requestPasswordReset({ email: `daily-${i}@example.test` }, { ip: slow }).then(
        () => null,
        (e: unknown) => e,
      );
    }
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: ipDaily.message });
  });

  it("limits requests per address from any number of IPs, for real and unknown addresses alike", async () => {
    const user = await accountWithPassword();
    const { emailBurst } = PASSWORD_RESET_LIMITS;
    for (const email of [user.email, "ghost@example.test"]) {
      for (let i = 0; i < emailBurst.points; i++) await requestPasswordReset({ email }, { ip: freshIp() });
      await expect(requestPasswordReset({ email }, { ip: freshIp() })).rejects.toMatchObject({ code: "RATE_LIMITED", message: emailBurst.message });
    }
    // Only the last of the burst's links works: each request revoked the one before.
    const live = await unsafeCrossTenantDb().passwordResetToken.count({ where: { userId: user.id, usedAt: null, revokedAt: null } });
    expect(live).toBe(1);
  });
});
