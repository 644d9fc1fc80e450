import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { getLogger } from "../../logger";
import { grantAllowsPosting } from "../../social/account-linking";
import { getAccountLinking } from "../../social/provider-registry";
import { writeAudit } from "../audit/audit.service";
import { ZBrandAccountNetwork, type BrandAccountDto, type BrandAccountNetwork } from "./brand-account.schemas";
import { getBrandAccessToken } from "./brand-account-tokens";

const DTO_SELECT = { id: true, network: true, handle: true, displayName: true, status: true, lastError: true, scopes: true, createdAt: true } as const;

/** The brand's connected account on a network (whatever its status), or null when none was ever connected. */
export async function getBrandAccount(ctx: TenantContext, network: BrandAccountNetwork): Promise<BrandAccountDto | null> {
  assertCan(ctx, "mentions:read");
  const row = await getDb().brandSocialAccount.findFirst({ where: { tenantId: ctx.tenantId, network }, select: DTO_SELECT });
  if (!row) return null;
  return {
    id: row.id,
    network: row.network as BrandAccountNetwork,
    handle: row.handle,
    displayName: row.displayName,
    status: row.status,
    lastError: row.lastError,
    canPost: row.status === "ACTIVE" && grantAllowsPosting(getAccountLinking(row.network), row.scopes),
    connectedAt: row.createdAt.toISOString(),
  };
}

/**
 * Disconnects the brand account: the grant is revoked at the network (best effort: a network that
 * is down does not keep the brand connected), the tokens are wiped, and the row stays as
 * DISCONNECTED because the replies posted as it point at it.
 */
export async function disconnectBrandAccount(ctx: TenantContext, raw: { network: BrandAccountNetwork }): Promise<{ revokedAtNetwork: boolean }> {
  assertCan(ctx, "settings:write");
  const network = ZBrandAccountNetwork.parse(raw.network);
  const row = await getDb().brandSocialAccount.findFirst({ where: { tenantId: ctx.tenantId, network }, select: { id: true, handle: true, status: true } });
  if (!row || row.status === "DISCONNECTED") throw AppError.notFound("connected brand account");
  let revokedAtNetwork = false;
  const linking = getAccountLinking(network);
  if (row.status === "ACTIVE" && linking.revokeToken) {
    try {
      await linking.revokeToken(await getBrandAccessToken(ctx, row.id), "access");
      revokedAtNetwork = true;
    } catch (error) {
      getLogger().warn({ tenantId: ctx.tenantId, network, err: error instanceof Error ? error.name : "error" }, "brand account: revoke failed");
    }
  }
  await getDb().$transaction(async (tx) => {
    await tx.brandSocialAccount.updateMany({
      where: { tenantId: ctx.tenantId, id: row.id },
      data: { status: "DISCONNECTED", tokensCiphertext: "", tokenExpiresAt: null, scopes: [], lastError: null },
    });
    await writeAudit(tx, ctx, {
      action: "brand_account.disconnected",
      targetType: "BrandSocialAccount",
      targetId: row.id,
      data: { network, handle: row.handle, revokedAtNetwork },
    });
  });
  return { revokedAtNetwork };
}
