import type { TenantScope } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { revokeAtNetwork, type RevokeResult } from "./revoke-at-network";

export interface UnlinkOutcome {
  handle: string;
  /** "failed": the network could not be reached or refused; "not-offered": it has no revoke for apps. The local unlink happened either way. */
  atNetwork: RevokeResult;
}

/**
 * Unlinks one account of a customer, whoever asks (the customer in the portal, or staff on the
 * customer's behalf; the caller decides who may, and the audit entry records the actor):
 *  1. the tokens are revoked at the network (refresh token first: at X that ends the whole grant;
 *     Foursquare has no revoke for apps, so there our copy is only deleted);
 *  2. in one transaction: the profile is no longer theirs (customerId cleared, REVOKED, tokens and
 *     scopes dropped), so ingest keeps that author's later posts as a prospect's (attribution reads
 *     linked, non-REVOKED profiles), check-in polling and pushes stop counting and sharing stops
 *     (the check-in cursor is cleared, so a later relink reads from the new link time, not the
 *     check-ins made while unlinked); every open consent for the profile gets its revokedAt (the
 *     withdrawal; sharing reads the latest consent); an audit entry.
 * A failed revoke does not stop the unlink: once our copy of the token is gone we cannot use it.
 * Relinking later pays the link rule nothing (once per account, ever). A profile that is not
 * this customer's live link in this tenant answers NOT_FOUND.
 */
export async function unlinkCustomerProfile(scope: TenantScope, customerId: string, profileId: string, now = new Date()): Promise<UnlinkOutcome> {
  const { tenantId } = scope;
  const profile = await getDb().socialProfile.findFirst({
    where: { tenantId, id: profileId, customerId, status: { not: "REVOKED" } },
    select: { id: true, network: true, handle: true, accessTokenCiphertext: true, refreshTokenCiphertext: true },
  });
  if (!profile) throw AppError.notFound("linked account");

  const atNetwork = await revokeAtNetwork(scope, profile);

  await getDb().$transaction(async (tx) => {
    const unlinked = await tx.socialProfile.updateMany({
      where: { tenantId, id: profile.id, customerId, status: { not: "REVOKED" } },
      data: {
        customerId: null,
        status: "REVOKED",
        accessTokenCiphertext: null,
        refreshTokenCiphertext: null,
        tokenExpiresAt: null,
        scopes: [],
        checkinCursor: null,
        checkinNextRunAt: null,
      },
    });
    if (unlinked.count !== 1) throw AppError.notFound("linked account");
    const withdrawn = await tx.consentRecord.updateMany({
      where: { tenantId, customerId, socialProfileId: profile.id, revokedAt: null },
      data: { revokedAt: now },
    });
    await writeAudit(tx, scope, {
      action: "social_profile.unlinked",
      targetType: "Customer",
      targetId: customerId,
      data: { socialProfileId: profile.id, network: profile.network, atNetwork, consentsWithdrawn: withdrawn.count },
    });
  });
  return { handle: profile.handle, atNetwork };
}
