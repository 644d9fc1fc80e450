import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { assertIfMatch, entityTag } from "../../etag";
import { eraseCustomerInTx } from "./erase-customer";
import { revokeCustomerAtNetworks } from "../social-profiles/revoke-at-network";
import { recordManualStageChange } from "../advocates/stage-history";
import { emitWebhookEvent } from "../webhooks/webhook-events";
import { writeAudit } from "../audit/audit.service";
import { markLeaderboardDirty } from "../leaderboard/leaderboard-sync";
import type { CustomerPageQuery } from "./customer-cursor";
import { findCustomerPage } from "./customer-list";
import { CUSTOMER_SELECT, toCustomerDto } from "./customer.mapper";
import {
  ZCustomerCreate,
  ZCustomerId,
  ZCustomerUpdate,
  type CustomerCreateInput,
  type CustomerDto,
  type CustomerPage,
  type CustomerUpdateInput,
} from "./customer.schemas";

/** Only live records: merged-away and erased customers are history, not list entries. */
function liveCustomers(ctx: TenantContext): Prisma.CustomerWhereInput {
  return { tenantId: ctx.tenantId, mergedIntoId: null, erasedAt: null };
}

/** GET …/customers: a page by `page` or after a `cursor`, with the `next_cursor` that continues it. */
export async function listCustomers(ctx: TenantContext, rawQuery: CustomerPageQuery): Promise<CustomerPage> {
  const page = await findCustomerPage(ctx, rawQuery);
  return {
    items: page.items.map(({ npsClass: _nps, ...customer }) => customer),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
    next_cursor: page.nextCursor,
  };
}

export async function getCustomerOrThrow(ctx: TenantContext, id: string): Promise<CustomerDto> {
  assertCan(ctx, "customers:read");
  if (!ZCustomerId.safeParse(id).success) throw AppError.notFound("customer");
  const row = await getDb().customer.findFirst({ where: { ...liveCustomers(ctx), id }, select: CUSTOMER_SELECT });
  if (!row) throw AppError.notFound("customer");
  return toCustomerDto(row);
}

/** Names the emails another customer of this tenant already uses, as field errors. */
async function assertEmailsFree(tx: DbTx, ctx: TenantContext, emails: string[], exceptCustomerId?: string) {
  const taken = await tx.customerEmail.findMany({
    where: { tenantId: ctx.tenantId, email: { in: emails }, ...(exceptCustomerId ? { customerId: { not: exceptCustomerId } } : {}) },
    select: { email: true },
  });
  if (taken.length) throw emailConflict(taken.map((t) => t.email));
}

function emailConflict(emails: string[]): AppError {
  return new AppError("CONFLICT", `email already belongs to another customer: ${emails.join(", ")}`, {
    issues: [{ path: "emails", message: `already used by another customer: ${emails.join(", ")}` }],
  });
}

function uniqueViolationToConflict(error: unknown): never {
  if (isUniqueViolation(error, ["email"])) throw emailConflict([]);
  if (isUniqueViolation(error, ["externalId"])) {
    throw new AppError("CONFLICT", "another customer has this external id", {
      issues: [{ path: "externalId", message: "already used by another customer" }],
    });
  }
  throw error;
}

export async function createCustomer(ctx: TenantContext, raw: CustomerCreateInput): Promise<CustomerDto> {
  assertCan(ctx, "customers:write");
  const input = ZCustomerCreate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      await assertEmailsFree(tx, ctx, input.emails);
      const row = await tx.customer.create({
        data: {
          tenantId: ctx.tenantId,
          displayName: input.displayName,
          phone: input.phone ?? null,
          externalId: input.externalId ?? null,
          lifecycleStage: input.lifecycleStage,
          notes: input.notes ?? null,
          emails: {
            // tenantId comes from the customer: it is part of the composite foreign key.
            create: input.emails.map((email, index) => ({ email, isPrimary: index === 0 })),
          },
        },
        select: CUSTOMER_SELECT,
      });
      await writeAudit(tx, ctx, { action: "customer.created", targetType: "Customer", targetId: row.id });
      return toCustomerDto(row);
    });
  } catch (error) {
    uniqueViolationToConflict(error);
  }
}

/**
 * Changes the fields sent. With `ifMatch` (an If-Match header), the customer's row is locked and
 * its current ETag compared first, in the same transaction: a stale one is PRECONDITION_FAILED and
 * changes nothing.
 */
export async function updateCustomer(ctx: TenantContext, id: string, raw: CustomerUpdateInput, options: { ifMatch?: string } = {}): Promise<CustomerDto> {
  assertCan(ctx, "customers:write");
  const patch = ZCustomerUpdate.parse(raw);
  await getCustomerOrThrow(ctx, id);
  try {
    return await getDb().$transaction(async (tx) => {
      // The customer first (as a merge locks it), then the emails.
      const [locked] = await tx.$queryRaw<{ id: string; updatedAt: Date }[]>`
        SELECT id, "updatedAt" FROM "Customer"
        WHERE "tenantId" = ${ctx.tenantId} AND id = ${id} AND "mergedIntoId" IS NULL AND "erasedAt" IS NULL FOR UPDATE`;
      if (!locked) throw AppError.notFound("customer");
      assertIfMatch(options.ifMatch, entityTag(locked), "customer");
      if (patch.emails) {
        await assertEmailsFree(tx, ctx, patch.emails, id);
        await tx.customerEmail.deleteMany({ where: { tenantId: ctx.tenantId, customerId: id, email: { notIn: patch.emails } } });
        const kept = await tx.customerEmail.findMany({ where: { tenantId: ctx.tenantId, customerId: id }, select: { email: true } });
        const keptSet = new Set(kept.map((k) => k.email));
        await tx.customerEmail.createMany({
          data: patch.emails.filter((e) => !keptSet.has(e)).map((email) => ({ tenantId: ctx.tenantId, customerId: id, email })),
        });
        // The first email listed is the primary one.
        await tx.customerEmail.updateMany({ where: { tenantId: ctx.tenantId, customerId: id }, data: { isPrimary: false } });
        await tx.customerEmail.updateMany({ where: { tenantId: ctx.tenantId, customerId: id, email: patch.emails[0] }, data: { isPrimary: true } });
      }
      const { emails: _emails, ...fields } = patch;
      const before = patch.lifecycleStage ? await tx.customer.findFirst({ where: { tenantId: ctx.tenantId, id }, select: { lifecycleStage: true } }) : null;
      const updated = await tx.customer.updateManyAndReturn({
        where: { tenantId: ctx.tenantId, id },
        data: { ...fields, updatedAt: new Date() },
        select: { id: true },
      });
      if (updated.length !== 1) throw AppError.notFound("customer");
      if (before && patch.lifecycleStage) await recordManualStageChange(tx, ctx, id, before.lifecycleStage, patch.lifecycleStage);
      await writeAudit(tx, ctx, {
        action: "customer.updated",
        targetType: "Customer",
        targetId: id,
        data: { fields: Object.keys(patch) },
      });
      const row = await tx.customer.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: CUSTOMER_SELECT });
      const dto = toCustomerDto(row);
      await emitWebhookEvent(tx, ctx, "customer.updated", { customerId: id, fields: Object.keys(patch), customer: dto });
      return dto;
    });
  } catch (error) {
    uniqueViolationToConflict(error);
  }
}

/**
 * Deletes a customer. One who has ledger history cannot vanish (the ledger is append-only), so
 * their personal data is erased instead and the anonymous record keeps the history consistent.
 */
export async function deleteCustomer(ctx: TenantContext, id: string): Promise<{ mode: "deleted" | "erased" }> {
  assertCan(ctx, "customers:delete");
  await getCustomerOrThrow(ctx, id);
  // Before the transaction (the network may be slow): a deleted or erased customer's grants end too.
  await revokeCustomerAtNetworks(ctx, id);
  const result = await getDb().$transaction(async (tx) => {
    // A customer with ledger history, posts made on their behalf (a feedback share may have no
    // ledger entry yet), or others merged into them is referenced by rows that must stay: it is
    // erased (personal data removed) rather than deleted.
    const hasLedger = await tx.ledgerEntry.count({ where: { tenantId: ctx.tenantId, customerId: id } });
    const shared = await tx.sharePost.count({ where: { tenantId: ctx.tenantId, customerId: id } });
    const mergedInto = await tx.customer.count({ where: { tenantId: ctx.tenantId, mergedIntoId: id } });
    if (hasLedger === 0 && shared === 0 && mergedInto === 0) {
      await tx.customer.deleteMany({ where: { tenantId: ctx.tenantId, id } });
      await writeAudit(tx, ctx, { action: "customer.deleted", targetType: "Customer", targetId: id });
      return { mode: "deleted" as const };
    }
    await eraseCustomerInTx(tx, ctx, id, new Date());
    await writeAudit(tx, ctx, { action: "customer.erased", targetType: "Customer", targetId: id });
    return { mode: "erased" as const };
  });
  // Off the leaderboard at once, after the commit (the next sync would drop them too).
  if (result.mode === "erased") await markLeaderboardDirty(ctx, [id], new Date(), true);
  return result;
}
