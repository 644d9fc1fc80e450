import { createHash, randomBytes } from "node:crypto";

/**
 * Tokens sent by email (invitations, password resets, sign-up confirmations): random, and only
 * their SHA-256 is stored, so a database leak opens nothing. Single use and expiry are the
 * owning table's job.
 */
export function newEmailedToken(bytes = 32): { token: string; tokenHash: string } {
  const token = randomBytes(bytes).toString("base64url");
  return { token, tokenHash: hashEmailedToken(token) };
}

export function hashEmailedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
