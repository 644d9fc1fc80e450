/**
 * X credentials: registered OAuth clients, app-only bearers, user access/refresh tokens and PKCE
 * authorization codes. Lifetimes are measured on the sandbox clock (access 2 h, code 30 s).
 */
import { createHash, randomBytes } from "node:crypto";
import type { SandboxClock } from "../core/clock";

export interface XClientApp {
  clientId: string;
  /** Absent for public clients (PKCE only, no Basic auth). */
  clientSecret: string | undefined;
  name: string;
  /** Exact-match allow-list; undefined accepts any http(s) redirect (development convenience). */
  redirectUris: string[] | undefined;
}

export interface XAccessToken {
  token: string;
  kind: "app" | "user";
  clientId: string;
  userId: string | undefined;
  scopes: string[];
  expiresAt: number | undefined;
  revoked: boolean;
  /** Refresh-token family this access token came from. */
  family: string | undefined;
}

interface RefreshRecord {
  token: string;
  clientId: string;
  userId: string;
  scopes: string[];
  family: string;
  active: boolean;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  method: "s256" | "plain";
  scopes: string[];
  userId: string;
  expiresAt: number;
  used: boolean;
}

export const ACCESS_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;
export const AUTH_CODE_TTL_MS = 30 * 1000;
export const X_SCOPES = new Set([
  "tweet.read",
  "tweet.write",
  "tweet.moderate.write",
  "users.read",
  "users.email",
  "follows.read",
  "follows.write",
  "offline.access",
  "space.read",
  "mute.read",
  "mute.write",
  "like.read",
  "like.write",
  "list.read",
  "list.write",
  "block.read",
  "block.write",
  "bookmark.read",
  "bookmark.write",
  "dm.read",
  "dm.write",
  "media.write",
  "timeline.read",
]);

export interface XAuthPolicy {
  rotateRefreshTokens: boolean;
  killFamilyOnReuse: boolean;
}

export class XAuth {
  readonly clients = new Map<string, XClientApp>();
  private readonly access = new Map<string, XAccessToken>();
  private readonly refresh = new Map<string, RefreshRecord>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly appBearers = new Map<string, string>();

  constructor(
    private readonly clock: SandboxClock,
    readonly policy: XAuthPolicy,
  ) {}

  registerClient(client: XClientApp): void {
    this.clients.set(client.clientId, client);
  }

  /** A fixed app-only bearer (documented dev credential) that never expires. */
  registerStaticAppBearer(token: string, clientId: string): void {
    this.access.set(token, { token, kind: "app", clientId, userId: undefined, scopes: [], expiresAt: undefined, revoked: false, family: undefined });
  }

  resolve(token: string): XAccessToken | undefined {
    const t = this.access.get(token);
    if (!t || t.revoked) return undefined;
    if (t.expiresAt !== undefined && this.clock.now() >= t.expiresAt) return undefined;
    return t;
  }

  /** X returns the same bearer for repeated client_credentials calls until it is invalidated. */
  appBearer(clientId: string): string {
    let token = this.appBearers.get(clientId);
    if (!token || !this.resolve(token)) {
      token = "AAAAAAAAAAAAAAAAAAAAA" + randomBytes(36).toString("base64url");
      this.registerStaticAppBearer(token, clientId);
      this.appBearers.set(clientId, token);
    }
    return token;
  }

  issueUserTokens(clientId: string, userId: string, scopes: string[], family?: string, ttlMs = ACCESS_TOKEN_TTL_MS) {
    const fam = family ?? randomBytes(8).toString("hex");
    const accessToken = mintToken();
    this.access.set(accessToken, {
      token: accessToken,
      kind: "user",
      clientId,
      userId,
      scopes,
      expiresAt: this.clock.now() + ttlMs,
      revoked: false,
      family: fam,
    });
    let refreshToken: string | undefined;
    if (scopes.includes("offline.access")) {
      refreshToken = mintToken();
      this.refresh.set(refreshToken, { token: refreshToken, clientId, userId, scopes, family: fam, active: true });
    }
    return { accessToken, refreshToken, expiresIn: Math.round(ttlMs / 1000), scopes, family: fam };
  }

  createCode(input: Omit<AuthCode, "expiresAt" | "used">): string {
    const code = randomBytes(24).toString("base64url");
    this.codes.set(code, { ...input, expiresAt: this.clock.now() + AUTH_CODE_TTL_MS, used: false });
    return code;
  }

  /** Redeems a code; undefined when unknown, used, expired, or PKCE/redirect/client mismatch. */
  redeemCode(code: string, clientId: string, redirectUri: string, verifier: string) {
    const rec = this.codes.get(code);
    if (!rec || rec.used) return undefined;
    // Single use: any redemption attempt burns the code, so a verifier cannot be brute-forced.
    rec.used = true;
    if (this.clock.now() >= rec.expiresAt || rec.clientId !== clientId || rec.redirectUri !== redirectUri) return undefined;
    const expected = rec.method === "s256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
    if (expected !== rec.challenge) return undefined;
    return this.issueUserTokens(clientId, rec.userId, rec.scopes);
  }

  refreshTokens(refreshToken: string, clientId: string) {
    const rec = this.refresh.get(refreshToken);
    if (!rec || rec.clientId !== clientId) return undefined;
    if (!rec.active) {
      if (this.policy.killFamilyOnReuse) this.revokeFamily(rec.family);
      return undefined;
    }
    if (this.policy.rotateRefreshTokens) {
      rec.active = false;
      return this.issueUserTokens(clientId, rec.userId, rec.scopes, rec.family);
    }
    const next = this.issueUserTokens(
      clientId,
      rec.userId,
      rec.scopes.filter((s) => s !== "offline.access"),
      rec.family,
    );
    return { ...next, refreshToken, scopes: rec.scopes };
  }

  /** Revokes an access or refresh token; a refresh token takes its whole family with it. */
  revoke(token: string, clientId: string): boolean {
    const a = this.access.get(token);
    if (a && a.clientId === clientId) {
      a.revoked = true;
      return true;
    }
    const r = this.refresh.get(token);
    if (r && r.clientId === clientId) {
      this.revokeFamily(r.family);
      return true;
    }
    return false;
  }

  clearTokens(): void {
    this.access.clear();
    this.refresh.clear();
    this.codes.clear();
    this.appBearers.clear();
  }

  private revokeFamily(family: string): void {
    for (const r of this.refresh.values()) if (r.family === family) r.active = false;
    for (const a of this.access.values()) if (a.family === family) a.revoked = true;
  }
}

function mintToken(): string {
  return randomBytes(45).toString("base64url");
}
