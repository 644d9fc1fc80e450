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
 * Revokes a linked account's tokens at its network (refresh token first: at X that ends the whole
 * grant). Never throws: false when the network could not be reached or refused, and the caller
 * goes on (an unlink or an erasure must not wait on the network; our copy of the token is dropped
 * either way).
 */
export async function revokeAtNetwork(scope: TenantScope, profile: ProfileTokens): Promise<boolean> {
  if (!profile.accessTokenCiphertext && !profile.refreshTokenCiphertext) return true;
  // A network the portal cannot link yet (Foursquare) has no revoke call here: its tokens are only dropped.
  if (!linkableNetworks().includes(profile.network)) return false;
  let revoked = true;
  const linking = getAccountLinking(profile.network);
  const tokens: [string | null, "access" | "refresh"][] = [
    [profile.refreshTokenCiphertext, "refresh"],
    [profile.accessTokenCiphertext, "access"],
  ];
  for (const [ciphertext, kind] of tokens) {
    if (!ciphertext) continue;
    try {
      await linking.revokeToken(openProfileToken(scope.tenantId, profile.id, kind, ciphertext), kind);
    } catch (error) {
      revoked = false;
      getLogger().warn(
        { tenantId: scope.tenantId, network: profile.network, kind: linking.classifyError(error).kind },
        "revoking a token at the network failed",
      );
    }
  }
  return revoked;
}

/** Every live linked account of a customer, revoked at its network (before an erasure). Returns how many failed. */
export async function revokeCustomerAtNetworks(scope: TenantScope, customerId: string): Promise<number> {
  const profiles = await getDb().socialProfile.findMany({
    where: { tenantId: scope.tenantId, customerId, status: { not: "REVOKED" } },
    select: { id: true, network: true, accessTokenCiphertext: true, refreshTokenCiphertext: true },
  });
  let failed = 0;
  for (const profile of profiles) if (!(await revokeAtNetwork(scope, profile))) failed++;
  return failed;
}
