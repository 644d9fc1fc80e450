import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { getEnv } from "../../env";

/**
 * The short code in a portal sign-in email: 8 digits, typed on a phone's number pad. Its hash is
 * keyed (HMAC with the app's secret, bound to the sign-in row), so a copy of the table alone is
 * not enough to try the 10^8 codes offline; online, guesses are limited (portal-sign-in-limits.ts).
 */
export const SIGN_IN_CODE_DIGITS = 8;

export function newSignInCode(): string {
  return Array.from({ length: SIGN_IN_CODE_DIGITS }, () => randomInt(10)).join("");
}

export function hashSignInCode(signInId: string, code: string): string {
  return createHmac("sha256", getEnv().NEXTAUTH_SECRET).update(`portal-sign-in-code:${signInId}:${code}`).digest("hex");
}

export function signInCodeMatches(signInId: string, code: string, codeHash: string): boolean {
  const expected = Buffer.from(codeHash, "hex");
  const actual = Buffer.from(hashSignInCode(signInId, code), "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
