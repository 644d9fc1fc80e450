import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { writeAudit } from "../audit/audit.service";
import { markLeaderboardDirty } from "../leaderboard/leaderboard-sync";
import { exportCustomerRecord, type MyDataExport } from "../portal/export-my-data";
import { revokeCustomerAtNetworks } from "../social-profiles/revoke-at-network";
import { getCustomerOrThrow } from "./customer.service";
import { eraseCustomerInTx } from "./erase-customer";

/**
 * The privacy API's export: the very document the customer downloads from the portal, for a live
 * customer of this brand (another brand's id is a 404). Reading someone's whole record is audited.
 */
export async function exportCustomer(ctx: TenantContext, id: string, now = new Date()): Promise<MyDataExport> {
  assertCan(ctx, "customers:read");
  await getCustomerOrThrow(ctx, id);
  const record = await exportCustomerRecord(ctx, id, now);
  await getDb().$transaction((tx) => writeAudit(tx, ctx, { action: "customer.exported", targetType: "Customer", targetId: id }));
  return record;
}

/**
 * The privacy API's erasure, with the portal's guarantees: linked accounts' tokens revoked at the
 * networks first (a network that cannot be reached does not stop it), personal data removed, the
 * ledger kept whole and anonymous so the brand's totals still add up, sessions ended, audited,
 * off the leaderboard at once. Unlike DELETE, it never removes the row: the erasure is the record.
 */
export async function eraseCustomer(ctx: TenantContext, id: string, now = new Date()): Promise<{ erased: true; tokensNotRevokedAtNetwork: number }> {
  assertCan(ctx, "customers:delete");
  await getCustomerOrThrow(ctx, id);
  const unrevoked = await revokeCustomerAtNetworks(ctx, id);
  await getDb().$transaction(async (tx) => {
    await eraseCustomerInTx(tx, ctx, id, now);
    await writeAudit(tx, ctx, { action: "customer.erased", targetType: "Customer", targetId: id, data: { by: "staff", tokensNotRevokedAtNetwork: unrevoked } });
  });
  await markLeaderboardDirty(ctx, [id], now, true);
  return { erased: true, tokensNotRevokedAtNetwork: unrevoked };
}
