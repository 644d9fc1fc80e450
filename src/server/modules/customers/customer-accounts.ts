import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { checkinNetworks, networkLabel } from "../../social/provider-registry";
import { unlinkCustomerProfile, type UnlinkOutcome } from "../social-profiles/unlink-profile";
import { ZUnlinkCustomerAccount, type LinkedAccountDto, type UnlinkCustomerAccountInput } from "./customer-360.schemas";
import { latestAllowsPosting } from "../social-profiles/posting-consent";

/** A customer's linked accounts (unlinked ones are history: they are REVOKED and no longer theirs), newest link first, with each one's sync state. */
export async function listLinkedAccounts(ctx: TenantContext, customerId: string): Promise<LinkedAccountDto[]> {
  assertCan(ctx, "customers:read");
  const { tenantId } = ctx;
  const withCheckins = new Set(checkinNetworks());
  const profiles = await getDb().socialProfile.findMany({
    where: { tenantId, customerId, status: { not: "REVOKED" } },
    orderBy: [{ linkedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      network: true,
      handle: true,
      displayName: true,
      followersCount: true,
      linkedAt: true,
      status: true,
      refreshedAt: true,
      checkinSyncStatus: true,
      checkinLastRunAt: true,
      checkinNextRunAt: true,
      checkinThrottleCount: true,
      checkinLastError: true,
      consents: { where: { tenantId, customerId }, select: { id: true, allowPosting: true, grantedAt: true, revokedAt: true } },
    },
  });
  return profiles.map((p) => ({
    id: p.id,
    network: p.network,
    networkLabel: networkLabel(p.network),
    handle: p.handle,
    displayName: p.displayName,
    followersCount: p.followersCount,
    linkedAt: p.linkedAt?.toISOString() ?? null,
    status: p.status,
    refreshedAt: p.refreshedAt?.toISOString() ?? null,
    checkins: withCheckins.has(p.network)
      ? {
          status: p.checkinSyncStatus,
          lastRunAt: p.checkinLastRunAt?.toISOString() ?? null,
          nextRunAt: p.checkinNextRunAt?.toISOString() ?? null,
          throttleCount: p.checkinThrottleCount,
          lastError: p.checkinLastError,
        }
      : null,
    autoSharing: latestAllowsPosting(p.consents),
  }));
}

/** GET …/customers/{id}/profiles: a live customer's linked profiles (listLinkedAccounts); another brand's, merged or erased customer is 404. */
export async function listCustomerProfiles(ctx: TenantContext, customerId: string): Promise<LinkedAccountDto[]> {
  assertCan(ctx, "customers:read");
  await assertLiveCustomer(ctx, customerId);
  return listLinkedAccounts(ctx, customerId);
}

async function assertLiveCustomer(ctx: TenantContext, customerId: string): Promise<void> {
  const live = await getDb().customer.findFirst({
    where: { tenantId: ctx.tenantId, id: customerId, mergedIntoId: null, erasedAt: null },
    select: { id: true },
  });
  if (!live) throw AppError.notFound("customer");
}

/**
 * Staff unlink one of a live customer's accounts on their behalf (customers:write): the same
 * unlink the customer makes in the portal (tokens revoked at the network, consents withdrawn,
 * audited with the member as actor). Another brand's customer or profile answers NOT_FOUND.
 */
export async function unlinkCustomerAccount(ctx: TenantContext, raw: UnlinkCustomerAccountInput, now = new Date()): Promise<UnlinkOutcome> {
  assertCan(ctx, "customers:write");
  const { customerId, profileId } = ZUnlinkCustomerAccount.parse(raw);
  await assertLiveCustomer(ctx, customerId);
  return unlinkCustomerProfile(ctx, customerId, profileId, now);
}
