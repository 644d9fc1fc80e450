import type { TenantScope } from "../../auth/tenant-context";
import { emitWebhookEvent } from "../webhooks/webhook-events";
import type { DbTx } from "../../db/client";

export const ERASED_NAME = "Erased customer";
const ERASED_TEXT = "[erased]";

/**
 * Removes a customer's personal data and keeps what the brand's books need: the customer row
 * (anonymous), its ledger entries (append-only; totals still add up), redemptions and consent
 * history (withdrawn, as evidence). Emails, phone, ids, notes, the text and handles of their
 * posts and of what was posted for them, their feedback comments and linked accounts' names and tokens are gone; linked accounts are REVOKED (attribution
 * and sharing skip them), portal sessions end and pending sign-in emails die. The caller takes
 * them off the leaderboard after the commit (markLeaderboardDirty with removeNow). Revoking tokens at
 * the networks is the caller's job before this runs (the tokens are cleared here).
 */
export async function eraseCustomerInTx(tx: DbTx, scope: TenantScope, customerId: string, now: Date): Promise<void> {
  const { tenantId } = scope;
  const mine = { tenantId, customerId };
  const emails = await tx.customerEmail.findMany({ where: mine, select: { email: true } });
  await tx.customerSignIn.deleteMany({ where: { tenantId, email: { in: emails.map((e) => e.email) } } });
  await tx.customerEmail.deleteMany({ where: mine });
  await tx.customerSession.updateMany({ where: { ...mine, endedAt: null }, data: { endedAt: now, endReason: "customer erased" } });
  await tx.consentRecord.updateMany({ where: { ...mine, revokedAt: null }, data: { revokedAt: now } });
  await tx.socialProfile.updateMany({
    where: mine,
    data: { handle: ERASED_TEXT, displayName: null, accessTokenCiphertext: null, refreshTokenCiphertext: null, tokenExpiresAt: null, status: "REVOKED" },
  });
  await tx.mention.updateMany({ where: mine, data: { text: ERASED_TEXT, authorHandle: ERASED_TEXT, url: null } });
  await tx.feedbackResponse.updateMany({ where: mine, data: { comment: null } });
  // What was posted on their behalf holds their words (a feedback share is written by them).
  await tx.sharePost.updateMany({ where: mine, data: { text: ERASED_TEXT } });
  await tx.customer.updateMany({
    where: { tenantId, id: customerId },
    data: { displayName: ERASED_NAME, phone: null, externalId: null, notes: null, leaderboardName: null, erasedAt: now },
  });
  await emitWebhookEvent(tx, scope, "customer.erased", { customerId, erasedAt: now.toISOString() });
}
