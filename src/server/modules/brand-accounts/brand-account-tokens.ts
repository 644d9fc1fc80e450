import { z } from "zod";
import { systemContext, type TenantContext } from "../../auth/tenant-context";
import { decryptSecret, encryptSecret, secretAad } from "../../crypto/secret-box";
import { getDb, type DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { getProvider } from "../../social/provider-registry";
import type { UserTokens } from "../../social/social-provider";
import { writeAudit } from "../audit/audit.service";
import { scrubError } from "../channels/channel-secrets";

/**
 * The brand account's OAuth tokens, sealed together at rest and bound to tenant, table and row,
 * so a ciphertext copied to another row or tenant does not open. Server-only: an opened token
 * goes to a provider call and nowhere else (not a log line, a DTO or a stored error).
 */

const ZSealed = z.strictObject({ accessToken: z.string().min(1), refreshToken: z.string().min(1).nullable() });
type SealedTokens = z.infer<typeof ZSealed>;

const aad = (tenantId: string, accountId: string) => secretAad({ tenantId, entity: "BrandSocialAccount", rowId: accountId, field: "tokens" });

export function sealBrandTokens(tenantId: string, accountId: string, tokens: SealedTokens): string {
  return encryptSecret(JSON.stringify(tokens), aad(tenantId, accountId));
}

function openBrandTokens(tenantId: string, accountId: string, ciphertext: string): SealedTokens {
  try {
    return ZSealed.parse(JSON.parse(decryptSecret(ciphertext, aad(tenantId, accountId))));
  } catch {
    throw new AppError("INTERNAL", "the brand account's stored tokens cannot be read: connect it again");
  }
}

/** Refresh when the access token has less than this left. */
const REFRESH_MARGIN_MS = 2 * 60_000;

/** Why the brand account cannot post right now; `reconnect` means only a new "Connect X" helps. */
export class BrandAuthError extends Error {
  override name = "BrandAuthError";
  constructor(
    readonly kind: "RECONNECT" | "TRANSIENT",
    message: string,
  ) {
    super(message);
  }
}

/** The network refused the grant: replies wait until someone connects the account again. */
export async function markBrandAccountNeedsReconnect(tx: DbTx, ctx: TenantContext, accountId: string, reason: string, secrets: string[] = []): Promise<void> {
  const lastError = scrubError(reason, secrets);
  const updated = await tx.brandSocialAccount.updateMany({
    where: { tenantId: ctx.tenantId, id: accountId, status: "ACTIVE" },
    data: { status: "NEEDS_RECONNECT", lastError },
  });
  if (updated.count === 1) {
    await writeAudit(tx, systemContext(ctx.tenantId), {
      action: "brand_account.needs_reconnect",
      targetType: "BrandSocialAccount",
      targetId: accountId,
      data: { error: lastError },
    });
  }
}

/**
 * The brand account's access token for one provider call. A token with under two minutes left is
 * refreshed first under a row lock (rotating refresh tokens work once), and the new pair is
 * stored in the same update. A refresh the network refuses marks the account NEEDS_RECONNECT.
 */
export async function getBrandAccessToken(ctx: TenantContext, accountId: string, now = new Date()): Promise<string> {
  // A refusal is returned, not thrown, from the transaction: throwing would roll back the
  // NEEDS_RECONNECT mark written with it, and every later call would try the dead grant again.
  const outcome = await getDb().$transaction(
    async (tx): Promise<{ token: string } | { refused: string }> => {
      await tx.$queryRaw`SELECT 1 FROM "BrandSocialAccount" WHERE "tenantId" = ${ctx.tenantId} AND id = ${accountId} FOR UPDATE`;
      const row = await tx.brandSocialAccount.findFirst({
        where: { tenantId: ctx.tenantId, id: accountId },
        select: { id: true, network: true, status: true, tokensCiphertext: true, tokenExpiresAt: true, scopes: true },
      });
      if (!row || row.status !== "ACTIVE") return { refused: "the brand account needs to be connected again" };
      const tokens = openBrandTokens(ctx.tenantId, row.id, row.tokensCiphertext);
      if (row.tokenExpiresAt === null || row.tokenExpiresAt.getTime() - now.getTime() >= REFRESH_MARGIN_MS) return { token: tokens.accessToken };
      if (!tokens.refreshToken) {
        await markBrandAccountNeedsReconnect(tx, ctx, row.id, "access token expired and no refresh token was granted");
        return { refused: "the brand account's access expired: connect it again" };
      }
      const provider = getProvider(row.network);
      let fresh: UserTokens;
      try {
        fresh = await provider.refreshUserToken(tokens.refreshToken);
      } catch (error) {
        const classified = provider.classifyError(error);
        if (classified.kind === "TRANSIENT" || classified.kind === "RATE_LIMITED") throw new BrandAuthError("TRANSIENT", classified.message);
        await markBrandAccountNeedsReconnect(tx, ctx, row.id, `token refresh refused: ${classified.message}`, [tokens.refreshToken]);
        return { refused: "X refused to renew the brand account's access: connect it again" };
      }
      await tx.brandSocialAccount.updateMany({
        where: { tenantId: ctx.tenantId, id: row.id },
        data: {
          tokensCiphertext: sealBrandTokens(ctx.tenantId, row.id, { accessToken: fresh.accessToken, refreshToken: fresh.refreshToken ?? tokens.refreshToken }),
          tokenExpiresAt: fresh.expiresAt,
          scopes: fresh.scopes.length ? fresh.scopes : row.scopes,
        },
      });
      return { token: fresh.accessToken };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  if ("refused" in outcome) throw new BrandAuthError("RECONNECT", outcome.refused);
  return outcome.token;
}
