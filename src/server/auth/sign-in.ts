import { unsafeCrossTenantDb } from "../db/client";
import { AppError } from "../errors";
import { getLogger } from "../logger";
import { reportAccountLocked } from "./account-lock-notice";
import { clearIpLoginFailures, engagedLoginLock, recordLoginFailure } from "./login-limits";
import { burnPasswordCheck, verifyPassword } from "./password";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

const locked = (retryAfterSeconds: number) => new AppError("RATE_LIMITED", "too many failed sign-ins; try again later", { retryAfterSeconds });

/**
 * Checks an email and password. Two locks (login-limits.ts): LOGIN_MAX_FAILURES failures for one
 * email from one IP, and LOGIN_ACCOUNT_MAX_FAILURES for one email from anywhere. While either is
 * engaged every attempt is refused (RATE_LIMITED) until the window passes, even with the right
 * password, so guessing gains nothing. Unknown emails are counted and locked the same way: the
 * answers never tell whether an account exists. `ip` comes from clientIp() ("unknown" when the
 * peer is not known; the account lock still holds).
 */
export async function verifyCredentials(rawEmail: string, password: string, ip: string): Promise<SignedInUser> {
  const email = rawEmail.trim().toLowerCase();
  const engaged = await engagedLoginLock(email, ip);
  if (engaged) throw locked(engaged.retryAfterSeconds);
  const user = await unsafeCrossTenantDb().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    const failure = await recordLoginFailure(email, ip);
    if (failure.accountLockedNow) {
      // The owner's notice must not turn a wrong password into a 500 (or a different answer).
      await reportAccountLocked({ email, ip, retryAfterSeconds: failure.retryAfterSeconds }).catch((error: unknown) =>
        getLogger().error({ err: error }, "could not report an account lock"),
      );
    }
    throw new AppError("UNAUTHENTICATED", "email or password is incorrect");
  }
  await clearIpLoginFailures(email, ip);
  return { id: user.id, email: user.email, name: user.name };
}
