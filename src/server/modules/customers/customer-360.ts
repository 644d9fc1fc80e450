import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { customerTierStatus } from "../tiers/tier-status";
import { customerAuditTrail, customerConsents, customerFeedback, customerMentions, customerRedemptions } from "./customer-activity";
import { listLinkedAccounts } from "./customer-accounts";
import { customerLedgerLines, customerPointsSummary } from "./customer-ledger-lines";
import { CUSTOMER_360_LEDGER_PAGE_SIZE, ZCustomer360Query, type Customer360, type Customer360Query } from "./customer-360.schemas";
import { getCustomerOrThrow } from "./customer.service";

/**
 * Everything staff see about one customer on one page: profile and emails, linked accounts with
 * their sync state, points (balance, pending, lifetime) and tier, a page of the ledger in words,
 * mentions, redemptions, consents, NPS answers and the audit trail. A merged-away, erased or
 * other brand's customer answers NOT_FOUND (getCustomerOrThrow), before anything else is read.
 */
export async function getCustomer360(ctx: TenantContext, customerId: string, rawQuery: Customer360Query = {}, now = new Date()): Promise<Customer360> {
  assertCan(ctx, "customers:read");
  const query = ZCustomer360Query.parse(rawQuery);
  const customer = await getCustomerOrThrow(ctx, customerId);
  const id = customer.id;
  const [npsRow, accounts, points, tier, ledger, mentions, redemptions, consents, feedback] = await Promise.all([
    getDb().customer.findFirst({ where: { tenantId: ctx.tenantId, id }, select: { npsClass: true } }),
    listLinkedAccounts(ctx, id),
    customerPointsSummary(ctx, id),
    customerTierStatus(ctx, id, now),
    customerLedgerLines(ctx, id, query.ledgerPage, CUSTOMER_360_LEDGER_PAGE_SIZE),
    customerMentions(ctx, id),
    customerRedemptions(ctx, id),
    customerConsents(ctx, id),
    customerFeedback(ctx, id),
  ]);
  const audit = await customerAuditTrail(ctx, id, {
    redemptionIds: redemptions.map((r) => r.id),
    feedbackIds: feedback.map((f) => f.id),
    profileIds: accounts.map((a) => a.id),
  });
  return { customer, npsClass: npsRow?.npsClass ?? null, accounts, points, tier, ledger, mentions, redemptions, consents, feedback, audit };
}
