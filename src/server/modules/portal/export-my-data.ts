import type { CustomerContext, TenantScope } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { parseExplanation } from "../ledger/ledger.mapper";
import { describeEntryForCustomer } from "./entry-words";

/**
 * Everything the brand holds about the signed-in customer, as one JSON document (the portal's
 * "download my data"). Read in a handful of queries, each bounded by the customer's own rows, so
 * 10k ledger entries export in well under a second. Secrets are never part of it: tokens are not
 * selected (and the guard-rail client omits their columns anyway), nor are sign-in hashes.
 */
export async function exportMyData(cctx: CustomerContext, now: Date = new Date()) {
  return exportCustomerRecord(cctx, cctx.customerId, now);
}

/** The same document for one customer of the scope's brand (the portal's own export, and the privacy API's). */
export async function exportCustomerRecord(scope: TenantScope, customerId: string, now: Date = new Date()) {
  const db = getDb();
  const { tenantId } = scope;
  const mine = { tenantId, customerId };
  const [tenant, customer, balance, consents, profiles, ledger, redemptions, mentions, shares, sessions, feedback] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId }, select: { name: true } }),
    db.customer.findUnique({
      where: { tenantId_id: { tenantId, id: customerId } },
      select: {
        displayName: true,
        phone: true,
        externalId: true,
        lifecycleStage: true,
        sentimentLabel: true,
        npsClass: true,
        createdAt: true,
        emails: { where: { tenantId }, select: { email: true, isPrimary: true, createdAt: true } },
      },
    }),
    db.pointBalance.findUnique({ where: { tenantId_customerId: mine }, select: { balance: true, lifetimeEarned: true } }),
    db.consentRecord.findMany({
      where: mine,
      orderBy: { grantedAt: "asc" },
      select: { network: true, scopes: true, allowPosting: true, policyVersion: true, grantedAt: true, revokedAt: true },
    }),
    db.socialProfile.findMany({
      where: mine,
      select: { network: true, handle: true, displayName: true, followersCount: true, scopes: true, status: true, linkedAt: true },
    }),
    db.ledgerEntry.findMany({
      where: mine,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, amount: true, source: true, explanation: true, reversesId: true, createdAt: true },
    }),
    db.redemption.findMany({
      where: mine,
      orderBy: { createdAt: "asc" },
      select: { id: true, cost: true, status: true, createdAt: true, reward: { select: { name: true } } },
    }),
    db.mention.findMany({
      where: mine,
      orderBy: { postedAt: "asc" },
      select: { network: true, text: true, url: true, postedAt: true, status: true, sentimentLabel: true },
    }),
    db.sharePost.findMany({ where: mine, orderBy: { createdAt: "asc" }, select: { text: true, status: true, externalPostId: true, postedAt: true } }),
    db.customerSession.findMany({ where: mine, orderBy: { createdAt: "asc" }, select: { createdAt: true, lastSeenAt: true, endedAt: true, endReason: true } }),
    db.feedbackResponse.findMany({
      where: mine,
      orderBy: { createdAt: "asc" },
      select: { score: true, npsClass: true, comment: true, createdAt: true, location: { select: { name: true } } },
    }),
  ]);
  if (!tenant || !customer) throw AppError.notFound("customer");
  return {
    exportedAt: now.toISOString(),
    brand: tenant.name,
    profile: customer,
    points: { balance: balance?.balance ?? 0, lifetimeEarned: balance?.lifetimeEarned ?? 0 },
    consents,
    linkedAccounts: profiles,
    ledger: ledger.map((entry) => {
      const explanation = parseExplanation(entry.explanation);
      return { ...entry, explanation, words: describeEntryForCustomer({ amount: entry.amount, source: entry.source, explanation }, tenant.name) };
    }),
    redemptions: redemptions.map(({ reward, ...redemption }) => ({ ...redemption, reward: reward.name })),
    mentions,
    sharedPosts: shares,
    portalSessions: sessions,
    feedback: feedback.map(({ location, ...answer }) => ({ ...answer, location: location?.name ?? null })),
  };
}

export type MyDataExport = Awaited<ReturnType<typeof exportMyData>>;
