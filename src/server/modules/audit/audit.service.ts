import type { TenantScope } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Prisma.InputJsonValue;
}

/** One AuditLog row: who (the context's actor) did what to which target, in this tenant. */
function auditRow(ctx: TenantScope, event: AuditEvent) {
  return {
    tenantId: ctx.tenantId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    data: event.data,
  };
}

/** Written inside the caller's transaction, so the change and its audit entry land together. */
export async function writeAudit(tx: DbTx, ctx: TenantScope, event: AuditEvent): Promise<void> {
  await tx.auditLog.create({ data: auditRow(ctx, event) });
}

/** Several entries in one INSERT, inside the caller's transaction (a bulk action's one entry per row it changed). */
export async function writeAudits(tx: DbTx, ctx: TenantScope, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.auditLog.createMany({ data: events.map((event) => auditRow(ctx, event)) });
}
