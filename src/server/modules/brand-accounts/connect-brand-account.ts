import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { hashEmailedToken, newEmailedToken } from "../../crypto/emailed-token";
import { decryptSecret, encryptSecret, secretAad } from "../../crypto/secret-box";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { getLogger } from "../../logger";
import { grantAllowsPosting } from "../../social/account-linking";
import { getAccountLinking } from "../../social/provider-registry";
import type { SocialUser, UserTokens } from "../../social/social-provider";
import { writeAudit } from "../audit/audit.service";
import {
  BRAND_CONNECT_TTL_MS,
  ZBrandAccountNetwork,
  ZBrandConnectCallback,
  type BrandAccountNetwork,
  type BrandConnectCallback,
  type BrandConnectFailure,
} from "./brand-account.schemas";
import { sealBrandTokens } from "./brand-account-tokens";
import { resumeSourcesAfterReconnect } from "../listening/source-sync";

/**
 * "Connect X" in Channels: the brand's own account, by the same OAuth 2.0 code flow with PKCE the
 * portal uses for customers (the network's AccountLinking), asking for reading and posting.
 *
 * start: a random state (only its hash is stored) and the sealed PKCE verifier are kept in a
 * BrandConnectAttempt bound to the brand and the member; the browser goes to the network.
 * finish (the callback): the attempt must be this brand's, this member's, unused and younger than
 * 10 minutes; it is spent first, so a state works once. Then the code is exchanged, the grant must
 * carry the posting scope, and the account is stored (one per brand and network: a new connection
 * replaces the tokens and possibly the account). Settings:write on both halves, audited.
 */

const verifierAad = (tenantId: string, stateHash: string) => secretAad({ tenantId, entity: "BrandConnectAttempt", rowId: stateHash, field: "codeVerifier" });

function memberId(ctx: TenantContext): string {
  if (ctx.actor.type !== "USER" || !ctx.actor.id) throw new AppError("FORBIDDEN", "only a signed-in member can connect the brand's account");
  return ctx.actor.id;
}

export async function startBrandConnect(
  ctx: TenantContext,
  raw: { network: BrandAccountNetwork },
  { redirectUri, now = new Date() }: { redirectUri: string; now?: Date },
): Promise<{ url: string }> {
  assertCan(ctx, "settings:write");
  const network = ZBrandAccountNetwork.parse(raw.network);
  const userId = memberId(ctx);
  const linking = getAccountLinking(network);
  const scopes = [...linking.readScopes, ...(linking.postScopes ?? [])];
  const { token: state, tokenHash: stateHash } = newEmailedToken();
  const { url, codeVerifier } = linking.authorizationLink({ redirectUri, state, scopes });
  await getDb().brandConnectAttempt.create({
    data: {
      tenantId: ctx.tenantId,
      userId,
      network,
      stateHash,
      codeVerifierCiphertext: codeVerifier === null ? null : encryptSecret(codeVerifier, verifierAad(ctx.tenantId, stateHash)),
      createdAt: now,
      expiresAt: new Date(now.getTime() + BRAND_CONNECT_TTL_MS),
    },
  });
  return { url };
}

export type BrandConnectOutcome = { ok: true; handle: string } | { ok: false; failure: BrandConnectFailure };

async function spendAttempt(ctx: TenantContext, userId: string, state: string, now: Date) {
  const stateHash = hashEmailedToken(state);
  const attempt = await getDb().brandConnectAttempt.findUnique({ where: { tenantId_stateHash: { tenantId: ctx.tenantId, stateHash } } });
  if (!attempt || attempt.userId !== userId) return null;
  const spent = await getDb().brandConnectAttempt.updateMany({
    where: { tenantId: ctx.tenantId, id: attempt.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return spent.count === 1 ? attempt : null;
}

export async function finishBrandConnect(
  ctx: TenantContext,
  raw: BrandConnectCallback,
  { redirectUri, now = new Date() }: { redirectUri: string; now?: Date },
): Promise<BrandConnectOutcome> {
  assertCan(ctx, "settings:write");
  const callback = ZBrandConnectCallback.parse(raw);
  const attempt = callback.state ? await spendAttempt(ctx, memberId(ctx), callback.state, now) : null;
  if (!attempt) return { ok: false, failure: "state" };
  if (callback.error) return { ok: false, failure: callback.error === "access_denied" ? "denied" : "refused" };
  if (!callback.code) return { ok: false, failure: "refused" };

  const linking = getAccountLinking(attempt.network);
  const codeVerifier =
    attempt.codeVerifierCiphertext === null ? null : decryptSecret(attempt.codeVerifierCiphertext, verifierAad(ctx.tenantId, attempt.stateHash));
  let granted: { tokens: UserTokens; account: SocialUser };
  try {
    granted = await linking.exchangeCode({ code: callback.code, codeVerifier, redirectUri });
  } catch (error) {
    const classified = linking.classifyError(error);
    getLogger().warn({ tenantId: ctx.tenantId, network: attempt.network, kind: classified.kind }, "brand connect: code exchange failed");
    return { ok: false, failure: classified.kind === "TRANSIENT" || classified.kind === "RATE_LIMITED" ? "network" : "refused" };
  }
  const { tokens, account } = granted;
  // Replying is what the brand account is for: a grant without posting is not worth storing.
  if (!grantAllowsPosting(linking, tokens.scopes)) return { ok: false, failure: "scopes" };

  await getDb().$transaction(async (tx) => {
    const existing = await tx.brandSocialAccount.findFirst({
      where: { tenantId: ctx.tenantId, network: attempt.network },
      select: { id: true, handle: true, status: true },
    });
    const id =
      existing?.id ??
      // no-tenant-data: draws an id from the id function (the ciphertext is bound to the row), reads no table
      (await tx.$queryRaw<{ id: string }[]>`SELECT megaphone_id('bsa') AS id`)[0]!.id;
    const data = {
      externalUserId: account.externalId,
      handle: account.handle,
      displayName: account.name,
      scopes: tokens.scopes,
      tokensCiphertext: sealBrandTokens(ctx.tenantId, id, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
      tokenExpiresAt: tokens.expiresAt,
      status: "ACTIVE" as const,
      lastError: null,
      connectedByUserId: attempt.userId,
    };
    if (existing) await tx.brandSocialAccount.updateMany({ where: { tenantId: ctx.tenantId, id }, data });
    else await tx.brandSocialAccount.create({ data: { id, tenantId: ctx.tenantId, network: attempt.network, ...data }, select: { id: true } });
    // Sources on the default connection listen through this account when no app credentials are set.
    await resumeSourcesAfterReconnect(tx, ctx, { network: attempt.network, connectionId: null, isDefault: true });
    await writeAudit(tx, ctx, {
      action: "brand_account.connected",
      targetType: "BrandSocialAccount",
      targetId: id,
      data: { network: attempt.network, handle: account.handle, ...(existing ? { previousHandle: existing.handle, previousStatus: existing.status } : {}) },
    });
  });
  return { ok: true, handle: account.handle };
}
