import { assertCustomerActs, type CustomerContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { AppError } from "../../../errors";
import { grantAllowsPosting } from "../../../social/account-linking";
import { getAccountLinking } from "../../../social/provider-registry";
import { writeAudit } from "../../audit/audit.service";
import { ZAutoSharing } from "./accounts.schemas";
import { LINK_POLICY_VERSION } from "./link-policy";

export type AutoSharingOutcome = { status: "saved"; on: boolean } | { status: "reconnect" };

/**
 * Auto-sharing of earned points through one linked account is the posting consent: each change
 * appends a ConsentRecord for that profile (the sharing pipeline reads the latest one). Turning it
 * on needs the network's posting scope on the stored grant; without it the customer is asked to
 * connect again (ticking "may post"), and nothing is recorded.
 */
export async function setAutoSharing(cctx: CustomerContext, raw: { profileId: string; on: boolean }, now = new Date()): Promise<AutoSharingOutcome> {
  assertCustomerActs(cctx);
  const input = ZAutoSharing.parse(raw);
  const { tenantId, customerId } = cctx;
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "SocialProfile" WHERE "tenantId" = ${tenantId} AND id = ${input.profileId} FOR UPDATE`;
    const profile = await tx.socialProfile.findFirst({
      where: { tenantId, id: input.profileId, customerId, status: { not: "REVOKED" } },
      select: { id: true, network: true, status: true, scopes: true },
    });
    if (!profile) throw AppError.notFound("linked account");
    if (input.on) {
      const linking = getAccountLinking(profile.network);
      // The portal offers no posting consent on this network (Foursquare): nothing to turn on.
      if (linking.postScopes === null) throw new AppError("BAD_REQUEST", `posting on ${profile.network} accounts is not offered`);
      const canPost = profile.status === "ACTIVE" && grantAllowsPosting(linking, profile.scopes);
      if (!canPost) return { status: "reconnect" } as const;
    }
    await tx.consentRecord.create({
      data: {
        tenantId,
        customerId,
        network: profile.network,
        socialProfileId: profile.id,
        scopes: profile.scopes,
        allowPosting: input.on,
        policyVersion: LINK_POLICY_VERSION,
        grantedAt: now,
      },
    });
    await writeAudit(tx, cctx, {
      action: input.on ? "social_profile.sharing_on" : "social_profile.sharing_off",
      targetType: "Customer",
      targetId: customerId,
      data: { socialProfileId: profile.id, network: profile.network },
    });
    return { status: "saved", on: input.on } as const;
  });
}
