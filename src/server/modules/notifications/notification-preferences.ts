import { assertCustomerActs, type CustomerContext, type TenantScope } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { ALL_ON, NOTIFICATION_KINDS, ZNotificationPreferences, type NotificationPreferences, type UnsubscribeKind } from "./notification.schemas";
import { readUnsubscribeToken } from "./unsubscribe-token";

const SELECT = { digest: true, affordable: true, cap: true } as const;

/** The signed-in customer's choices (no row yet: everything on). */
export async function myNotificationPreferences(cctx: CustomerContext): Promise<NotificationPreferences> {
  const row = await getDb().notificationPreference.findUnique({
    where: { tenantId_customerId: { tenantId: cctx.tenantId, customerId: cctx.customerId } },
    select: SELECT,
  });
  return row ?? ALL_ON;
}

export async function setMyNotificationPreferences(cctx: CustomerContext, raw: unknown): Promise<NotificationPreferences> {
  assertCustomerActs(cctx);
  const prefs = ZNotificationPreferences.parse(raw);
  return getDb().notificationPreference.upsert({
    where: { tenantId_customerId: { tenantId: cctx.tenantId, customerId: cctx.customerId } },
    create: { tenantId: cctx.tenantId, customerId: cctx.customerId, ...prefs },
    update: prefs,
    select: SELECT,
  });
}

/** What an unsubscribe link names, checked: the brand's own customer, a token we signed. */
export async function describeUnsubscribe(scope: TenantScope, token: string): Promise<{ kind: UnsubscribeKind; off: boolean }> {
  const read = readUnsubscribeToken(scope, token);
  if (!read) throw new AppError("NOT_FOUND", "this unsubscribe link is not valid");
  const db = getDb();
  const customer = await db.customer.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: read.customerId } }, select: { id: true } });
  if (!customer) throw new AppError("NOT_FOUND", "this unsubscribe link is not valid");
  const row = await db.notificationPreference.findUnique({
    where: { tenantId_customerId: { tenantId: scope.tenantId, customerId: read.customerId } },
    select: SELECT,
  });
  const prefs = row ?? ALL_ON;
  const kinds = read.kind === "all" ? NOTIFICATION_KINDS : [read.kind];
  return { kind: read.kind, off: kinds.every((k) => !prefs[k]) };
}

/**
 * Turns off what the link names, at once (the next digest or notice already skips the customer).
 * Idempotent: a second POST, or a mail provider's one-click after the page's, changes nothing.
 */
export async function unsubscribeWithToken(scope: TenantScope, token: string): Promise<{ kind: UnsubscribeKind }> {
  const read = readUnsubscribeToken(scope, token);
  if (!read) throw new AppError("NOT_FOUND", "this unsubscribe link is not valid");
  const off = Object.fromEntries((read.kind === "all" ? NOTIFICATION_KINDS : [read.kind]).map((k) => [k, false])) as Partial<NotificationPreferences>;
  await getDb().$transaction(async (tx: DbTx) => {
    const customer = await tx.customer.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: read.customerId } }, select: { id: true } });
    if (!customer) throw new AppError("NOT_FOUND", "this unsubscribe link is not valid");
    await tx.notificationPreference.upsert({
      where: { tenantId_customerId: { tenantId: scope.tenantId, customerId: read.customerId } },
      create: { tenantId: scope.tenantId, customerId: read.customerId, ...ALL_ON, ...off },
      update: off,
    });
  });
  return { kind: read.kind };
}
