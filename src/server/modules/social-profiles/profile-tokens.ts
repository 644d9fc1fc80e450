import type { TenantContext } from "../../auth/tenant-context";
import { decryptSecret, encryptSecret, secretAad } from "../../crypto/secret-box";
import { getDb, type DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { getProvider } from "../../social/provider-registry";
import { assertNever, type UserAuth, type UserTokens } from "../../social/social-provider";
import { markProfileNeedsReconnect } from "./profile-status";

/**
 * A customer's own OAuth tokens for a linked social profile, sealed at rest with the secret box
 * and bound to tenant, table, row and field (`tenantId|SocialProfile|<id>|access` / `…|refresh`),
 * so a ciphertext copied to another profile, field or tenant does not open.
 *
 * Server-only, like channel credentials: an opened token goes to a provider call and nowhere
 * else (not a log line, a job payload, a DTO or a stored error message).
 */

export type ProfileTokenField = "access" | "refresh";

/** Refresh when the access token has less than this left (or no known expiry has passed). */
export const TOKEN_REFRESH_MARGIN_MS = 2 * 60_000;

export function profileTokenAad(tenantId: string, profileId: string, field: ProfileTokenField): string {
  return secretAad({ tenantId, entity: "SocialProfile", rowId: profileId, field });
}

export function sealProfileToken(tenantId: string, profileId: string, field: ProfileTokenField, token: string): string {
  return encryptSecret(token, profileTokenAad(tenantId, profileId, field));
}

export function openProfileToken(tenantId: string, profileId: string, field: ProfileTokenField, ciphertext: string): string {
  return decryptSecret(ciphertext, profileTokenAad(tenantId, profileId, field));
}

/**
 * Stores a fresh set of tokens (after linking, or after a refresh) in one update: access and
 * refresh token sealed for this row, expiry and scopes. A `null` refresh token clears the stored
 * one; a caller that rotates passes the old one on when the network did not issue a new one.
 * Valid tokens make the profile usable again, so the status returns to ACTIVE.
 * Returns false when the profile is not in this tenant.
 */
export async function storeProfileTokens(tx: DbTx, ctx: TenantContext, profileId: string, tokens: UserTokens): Promise<boolean> {
  const updated = await tx.socialProfile.updateMany({
    where: { tenantId: ctx.tenantId, id: profileId },
    data: {
      accessTokenCiphertext: sealProfileToken(ctx.tenantId, profileId, "access", tokens.accessToken),
      refreshTokenCiphertext: tokens.refreshToken === null ? null : sealProfileToken(ctx.tenantId, profileId, "refresh", tokens.refreshToken),
      tokenExpiresAt: tokens.expiresAt,
      scopes: tokens.scopes,
      status: "ACTIVE",
    },
  });
  return updated.count === 1;
}

/** Why a profile's user auth is not available; `kind` is what the caller should do. */
export class ProfileAuthError extends Error {
  override name = "ProfileAuthError";
  constructor(
    /** RECONNECT: the customer must link again (the profile is, or already was, NEEDS_RECONNECT). */
    readonly kind: "RECONNECT" | "TRANSIENT" | "RATE_LIMITED",
    message: string,
    readonly retryAt?: Date,
  ) {
    super(message);
  }
}

const TOKEN_SELECT = {
  id: true,
  network: true,
  status: true,
  accessTokenCiphertext: true,
  refreshTokenCiphertext: true,
  tokenExpiresAt: true,
  scopes: true,
} as const;

type TokenRow = {
  id: string;
  network: "TWITTER" | "FOURSQUARE";
  status: string;
  accessTokenCiphertext: string | null;
  refreshTokenCiphertext: string | null;
  tokenExpiresAt: Date | null;
  scopes: string[];
};

function needsRefresh(row: TokenRow, now: Date): boolean {
  return row.tokenExpiresAt !== null && row.tokenExpiresAt.getTime() - now.getTime() < TOKEN_REFRESH_MARGIN_MS;
}

function usableOrThrow(row: TokenRow): string {
  if (row.status !== "ACTIVE") throw new ProfileAuthError("RECONNECT", `profile is ${row.status}`);
  if (!row.accessTokenCiphertext) throw new ProfileAuthError("RECONNECT", "profile has no access token");
  return row.accessTokenCiphertext;
}

export interface ProfileUserAuth extends UserAuth {
  /** True when this call refreshed (and rotated) the tokens. */
  refreshed: boolean;
}

/**
 * The customer's access token for a provider call. An expired or nearly expired token (less than
 * two minutes left) is refreshed first with the provider's `refreshUserToken`, under a row lock so
 * that concurrent jobs for one profile refresh once (with rotating refresh tokens, a second
 * refresh with the same token would fail). The new refresh token is stored in the same update as
 * the new access token. A refresh refused by the network marks the profile NEEDS_RECONNECT.
 *
 * Throws ProfileAuthError (RECONNECT / TRANSIENT / RATE_LIMITED); NOT_FOUND for a foreign id.
 */
export async function getProfileUserAuth(ctx: TenantContext, profileId: string, { now = new Date() }: { now?: Date } = {}): Promise<ProfileUserAuth> {
  const row = await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: profileId }, select: TOKEN_SELECT });
  if (!row) throw AppError.notFound("social profile");
  const access = usableOrThrow(row);
  if (!needsRefresh(row, now)) return { accessToken: openProfileToken(ctx.tenantId, profileId, "access", access), refreshed: false };

  type Result = { ok: true; auth: ProfileUserAuth } | { ok: false; error: ProfileAuthError };
  const result = await getDb().$transaction(
    async (tx): Promise<Result> => {
      await tx.$queryRaw`SELECT 1 FROM "SocialProfile" WHERE "tenantId" = ${ctx.tenantId} AND id = ${profileId} FOR UPDATE`;
      const locked = await tx.socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: profileId }, select: TOKEN_SELECT });
      if (!locked) return { ok: false, error: new ProfileAuthError("RECONNECT", "profile is gone") };
      let lockedAccess: string;
      try {
        lockedAccess = usableOrThrow(locked);
      } catch (error) {
        return { ok: false, error: error as ProfileAuthError };
      }
      // Another job refreshed while this one waited for the lock.
      if (!needsRefresh(locked, now)) {
        return { ok: true, auth: { accessToken: openProfileToken(ctx.tenantId, profileId, "access", lockedAccess), refreshed: false } };
      }
      if (!locked.refreshTokenCiphertext) {
        const reason = "access token expired and no refresh token was granted";
        await markProfileNeedsReconnect(ctx, profileId, reason, { tx });
        return { ok: false, error: new ProfileAuthError("RECONNECT", reason) };
      }
      const refreshToken = openProfileToken(ctx.tenantId, profileId, "refresh", locked.refreshTokenCiphertext);
      const provider = getProvider(locked.network);
      let tokens: UserTokens;
      try {
        tokens = await provider.refreshUserToken(refreshToken);
      } catch (error) {
        const classified = provider.classifyError(error);
        switch (classified.kind) {
          // The token endpoint answers 400 invalid_request/invalid_grant for a revoked, expired or
          // already-rotated refresh token (the shared classifier calls any 400 BAD_REQUEST): the
          // grant is dead either way, and only the customer can make a new one.
          case "RECONNECT":
          case "REFRESH_TOKEN":
          case "BAD_REQUEST":
          case "CURSOR_EXPIRED":
            await markProfileNeedsReconnect(ctx, profileId, `token refresh refused: ${classified.message}`, { tx, secrets: [refreshToken] });
            return { ok: false, error: new ProfileAuthError("RECONNECT", `token refresh refused: ${classified.message}`) };
          case "RATE_LIMITED":
            return { ok: false, error: new ProfileAuthError("RATE_LIMITED", classified.message, classified.retryAt) };
          case "TRANSIENT":
            return { ok: false, error: new ProfileAuthError("TRANSIENT", `token refresh failed: ${classified.message}`) };
          default:
            return assertNever(classified.kind);
        }
      }
      await storeProfileTokens(tx, ctx, profileId, {
        accessToken: tokens.accessToken,
        // Rotation: the new refresh token replaces the old one in this same update; a network
        // that does not rotate leaves the old one valid.
        refreshToken: tokens.refreshToken ?? refreshToken,
        expiresAt: tokens.expiresAt,
        scopes: tokens.scopes.length ? tokens.scopes : locked.scopes,
      });
      return { ok: true, auth: { accessToken: tokens.accessToken, refreshed: true } };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  if (!result.ok) throw result.error;
  return result.auth;
}
