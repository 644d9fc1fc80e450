import type { CustomerContext, TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";

/** The portal's context for one customer, as the portal's guard would build it. */
export function customerContext(ctx: TenantContext, customerId: string): CustomerContext {
  return { tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, customerId, actor: { type: "CUSTOMER", id: customerId } };
}

/** When the ledger stored an entry (createdAt is the transaction's clock: tests read it back rather than guess). */
export async function createdAtOf(ctx: TenantContext, entryId: string): Promise<Date> {
  const row = await getDb().ledgerEntry.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: entryId }, select: { createdAt: true } });
  return row.createdAt;
}

export const addMs = (at: Date, ms: number) => new Date(at.getTime() + ms);

/** The same instant `months` calendar months later (UTC), for dates whose day exists in every month. */
export function monthsAfter(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}
