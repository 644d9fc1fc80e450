import { createHash, randomBytes } from "node:crypto";

/** The emailed token is random; only its hash is stored, so a database leak opens no invite. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
