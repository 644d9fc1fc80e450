import { randomUUID } from "node:crypto";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { storeProfileTokens } from "../../../src/server/modules/social-profiles/profile-tokens";

/**
 * A social profile linked to a customer as the linking flow leaves it: the profile, its posting
 * consent and, when given, sealed tokens (never to be read back by any answer).
 */
export async function linkTestProfile(
  ctx: TenantContext,
  customerId: string,
  options: { network?: "TWITTER" | "FOURSQUARE"; handle: string; accessToken?: string; allowPosting?: boolean },
): Promise<{ id: string; externalUserId: string }> {
  const network = options.network ?? "TWITTER";
  return getDb().$transaction(async (tx) => {
    const profile = await tx.socialProfile.create({
      data: {
        tenantId: ctx.tenantId,
        customerId,
        network,
        externalUserId: `${network.toLowerCase()}-${randomUUID()}`,
        handle: options.handle,
        linkedAt: new Date(),
        followersCount: 321,
      },
      select: { id: true, externalUserId: true },
    });
    await tx.consentRecord.create({
      data: { tenantId: ctx.tenantId, customerId, socialProfileId: profile.id, network, allowPosting: options.allowPosting ?? false, policyVersion: "test-1" },
    });
    if (options.accessToken) {
      await storeProfileTokens(tx, ctx, profile.id, {
        accessToken: options.accessToken,
        refreshToken: `${options.accessToken}-refresh`,
        expiresAt: null,
        scopes: ["tweet.read"],
      });
    }
    return profile;
  });
}
