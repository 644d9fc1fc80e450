import type { TenantContext } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import { emitWebhookEvents } from "../webhooks/webhook-events";
import type { BatchPlan } from "./import-plan";

/**
 * Writes one batch's plan inside the caller's transaction, a few set-based statements whatever
 * the batch's size: new customers, their emails, changed customers, added emails, stage changes.
 */
export async function applyPlan(tx: DbTx, ctx: TenantContext, plan: BatchPlan): Promise<void> {
  const { creates, updates } = plan;
  if (creates.length) {
    // Ids first, so each new customer's emails can name it.
    const ids = (
      await tx.$queryRaw<{ id: string }[]>`
        SELECT megaphone_id('cus'::text) AS id, ${ctx.tenantId}::text AS "tenantId" FROM generate_series(1, ${creates.length}::int)`
    ).map((r) => r.id);
    await tx.$executeRaw`
      INSERT INTO "Customer" (id, "tenantId", "externalId", "displayName", phone, "lifecycleStage", notes, "updatedAt")
      SELECT u.id, ${ctx.tenantId}, u.ext, u.name, u.phone, u.stage::"LifecycleStage", u.notes, now()
      FROM unnest(${ids}::text[], ${creates.map((r) => r.externalId)}::text[], ${creates.map((r) => r.displayName)}::text[],
                  ${creates.map((r) => r.phone ?? null)}::text[], ${creates.map((r) => r.lifecycleStage ?? "CUSTOMER")}::text[],
                  ${creates.map((r) => r.notes ?? null)}::text[]) AS u(id, ext, name, phone, stage, notes)`;
    const owners = creates.flatMap((r, i) => r.emails.map(() => ids[i]!));
    const emails = creates.flatMap((r) => r.emails);
    const primary = creates.flatMap((r) => r.emails.map((_, k) => k === 0));
    await insertEmails(tx, ctx, owners, emails, primary);
  }
  if (updates.length) {
    await tx.$executeRaw`
      UPDATE "Customer" c
      SET "externalId" = u.ext, "displayName" = u.name, phone = u.phone, "lifecycleStage" = u.stage::"LifecycleStage", notes = u.notes, "updatedAt" = now()
      FROM unnest(${updates.map((u) => u.id)}::text[], ${updates.map((u) => u.externalId)}::text[], ${updates.map((u) => u.displayName)}::text[],
                  ${updates.map((u) => u.phone)}::text[], ${updates.map((u) => u.lifecycleStage)}::text[], ${updates.map((u) => u.notes)}::text[])
           AS u(id, ext, name, phone, stage, notes)
      WHERE c."tenantId" = ${ctx.tenantId} AND c.id = u.id`;
    const added = updates.filter((u) => u.addEmails.length);
    if (added.length) {
      await insertEmails(
        tx,
        ctx,
        added.flatMap((u) => u.addEmails.map(() => u.id)),
        added.flatMap((u) => u.addEmails),
        added.flatMap((u) => u.addEmails.map(() => false)),
      );
    }
    await emitWebhookEvents(
      tx,
      ctx,
      "customer.updated",
      updates.map((u) => ({ customerId: u.id, externalId: u.externalId, displayName: u.displayName, source: "csv-import" })),
    );
    const moved = updates.filter((u) => u.stageFrom !== null);
    if (moved.length) {
      await tx.stageChange.createMany({
        data: moved.map((u) => ({ tenantId: ctx.tenantId, customerId: u.id, fromStage: u.stageFrom!, toStage: u.lifecycleStage, source: "MANUAL" as const })),
      });
    }
  }
}

async function insertEmails(tx: DbTx, ctx: TenantContext, customerIds: string[], emails: string[], primary: boolean[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "CustomerEmail" ("tenantId", "customerId", email, "isPrimary")
    SELECT ${ctx.tenantId}, u.customer, u.email, u.is_primary FROM unnest(${customerIds}::text[], ${emails}::text[], ${primary}::boolean[]) AS u(customer, email, is_primary)`;
}
