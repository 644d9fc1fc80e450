import { createHash, randomBytes } from "node:crypto";

/** The emailed confirmation token is random; only its hash is stored. */
export function newSignUpToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashSignUpToken(token) };
}

export function hashSignUpToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const SIGNUP_CONFIRM_TTL_MS = 24 * 3600 * 1000;
