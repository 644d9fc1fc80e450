import type { TenantScope } from "../../auth/tenant-context";
import type { Network } from "../../db/generated/enums";
import { getDb } from "../../db/client";
import { getLogger } from "../../logger";
import { getAccountLinking, linkableNetworks } from "../../social/provider-registry";
import { openProfileToken } from "./profile-tokens";

interface ProfileTokens {
  id: string;
  network: Network;
  accessTokenCiphertext: string | null;
  refreshTokenCiphertext: string | null;
}

/**
 * What happened at the network: "revoked" (or nothing held to revoke), "failed" (unreachable or
 * refused), "not-offered" (the network has no way for an app to revoke, e.g. Foursquare; only the
 * user can, in the network's own settings).
 */
export type RevokeResult = "revoked" | "failed" | "not-offered";

/**
 * Revokes a linked account's tokens at its network (refresh token first: at X that ends the whole
 * grant). Never throws: the caller goes on whatever the network said (an unlink or an erasure must
 * not wait on the network; our copy of the token is dropped either way).
 */
export async function revokeAtNetwork(scope: TenantScope, profile: ProfileTokens): Promise<RevokeResult> {
  if (!profile.accessTokenCiphertext && !profile.refreshTokenCiphertext) return "revoked";
  const linking = linkableNetworks().includes(profile.network) ? getAccountLinking(profile.network) : null;
  if (!linking?.revokeToken) return "not-offered";
  let revoked: RevokeResult = "revoked";
  const tokens: [string | null, "access" | "refresh"][] = [
    [profile.refreshTokenCiphertext, "refresh"],
    [profile.accessTokenCiphertext, "access"],
  ];
  for (const [ciphertext, kind] of tokens) {
    if (!ciphertext) continue;
    try {
      await linking.revokeToken(openProfileToken(scope.tenantId, profile.id, kind, ciphertext), kind);
    } catch (error) {
      revoked = "failed";
      getLogger().warn(
        { tenantId: scope.tenantId, network: profile.network, kind: linking.classifyError(error).kind },
        "revoking a token at the network failed",
      );
    }
  }
  return revoked;
}

/** Every live linked account of a customer, revoked at its network (before an erasure). Returns how many were not revoked there (failed or not offered). */
export async function revokeCustomerAtNetworks(scope: TenantScope, customerId: string): Promise<number> {
  const profiles = await getDb().socialProfile.findMany({
    where: { tenantId: scope.tenantId, customerId, status: { not: "REVOKED" } },
    select: { id: true, network: true, accessTokenCiphertext: true, refreshTokenCiphertext: true },
  });
  let failed = 0;
  for (const profile of profiles) if ((await revokeAtNetwork(scope, profile)) !== "revoked") failed++;
  return failed;
}
