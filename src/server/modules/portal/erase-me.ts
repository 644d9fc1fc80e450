import { z } from "zod";
import { assertCustomerActs, type CustomerContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { writeAudit } from "../audit/audit.service";
import { eraseCustomerInTx } from "../customers/erase-customer";
import { markLeaderboardDirty } from "../leaderboard/leaderboard-sync";
import { revokeCustomerAtNetworks } from "../social-profiles/revoke-at-network";

/** The customer types the word, so an erasure is never one stray tap. */
export const ZEraseMe = z.object({
  confirm: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.literal("erase", { error: 'type "erase" to confirm' })),
});
export type EraseMeInput = z.input<typeof ZEraseMe>;

/**
 * "Erase my account" in the portal: the customer's personal data goes (eraseCustomerInTx), the
 * brand's ledger stays whole and anonymous, every portal session of theirs ends, and their linked
 * accounts' tokens are revoked at the networks first (a network that cannot be reached does not
 * stop it). Recorded in the audit log as the customer's own act.
 */
export async function eraseMe(cctx: CustomerContext, raw: EraseMeInput, now: Date = new Date()): Promise<void> {
  assertCustomerActs(cctx);
  ZEraseMe.parse(raw);
  // Outside the transaction: the networks may be slow or down, and erasure goes on regardless.
  const unrevoked = await revokeCustomerAtNetworks(cctx, cctx.customerId);
  await getDb().$transaction(async (tx) => {
    await eraseCustomerInTx(tx, cctx, cctx.customerId, now);
    await writeAudit(tx, cctx, {
      action: "customer.erased",
      targetType: "Customer",
      targetId: cctx.customerId,
      data: { by: "customer", tokensNotRevokedAtNetwork: unrevoked },
    });
  });
  // Off the leaderboard at once, after the commit (the next sync would drop them too).
  await markLeaderboardDirty(cctx, [cctx.customerId], now, true);
}
