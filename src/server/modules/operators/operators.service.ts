import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { getLogger } from "../../logger";

/**
 * Platform operators run the installation across tenants. The role is a row in PlatformOperator,
 * written only by the CLI (scripts/ops-operators.ts): no tenant role, membership or sign-up
 * grants it. Operator views are also off unless PLATFORM_OPERATOR_VIEW=true.
 */

export interface OperatorContext {
  userId: string;
  email: string;
}

/**
 * The check every operator function runs first, on every call. Anyone refused — flag off,
 * signed out, not an operator (brand owners included) — gets NOT_FOUND, so the operator pages
 * look exactly like pages that do not exist.
 */
export async function requirePlatformOperator(user: { id: string } | null): Promise<OperatorContext> {
  if (!getEnv().PLATFORM_OPERATOR_VIEW || !user) throw AppError.notFound("page");
  const [operator, account] = await Promise.all([
    getDb().platformOperator.findUnique({ where: { userId: user.id }, select: { userId: true } }),
    getDb().user.findUnique({ where: { id: user.id }, select: { id: true, email: true } }),
  ]);
  if (!operator || !account) throw AppError.notFound("page");
  return { userId: account.id, email: account.email };
}

async function userByEmail(email: string): Promise<{ id: string; email: string }> {
  const user = await getDb().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } });
  if (!user) throw AppError.notFound("user");
  return user;
}

export async function grantPlatformOperator(email: string, grantedBy: string): Promise<{ userId: string; email: string; created: boolean }> {
  const user = await userByEmail(email);
  const existing = await getDb().platformOperator.findUnique({ where: { userId: user.id } });
  if (!existing) await getDb().platformOperator.create({ data: { userId: user.id, grantedBy } });
  getLogger().info({ userId: user.id, by: grantedBy, created: !existing }, "platform operator granted");
  return { userId: user.id, email: user.email, created: !existing };
}

export async function revokePlatformOperator(email: string, revokedBy: string): Promise<{ userId: string; email: string; removed: boolean }> {
  const user = await userByEmail(email);
  const { count } = await getDb().platformOperator.deleteMany({ where: { userId: user.id } });
  getLogger().info({ userId: user.id, by: revokedBy, removed: count > 0 }, "platform operator revoked");
  return { userId: user.id, email: user.email, removed: count > 0 };
}

export interface PlatformAuditEvent {
  action: string;
  targetType: string;
  targetId?: string | null;
  /** The tenant the target belongs to, if any. */
  tenantId?: string | null;
  data?: Prisma.InputJsonValue;
}

/**
 * Operators' actions go to PlatformAuditLog, not to a tenant's AuditLog: the operator is no
 * member of that tenant, and a tenant's log holds only what its own members and keys did. The
 * row is durable and queryable across tenants; a log line repeats it for whoever reads logs.
 */
export async function writePlatformAudit(actor: OperatorContext, event: PlatformAuditEvent): Promise<void> {
  await getDb().platformAuditLog.create({
    data: {
      actorUserId: actor.userId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      tenantId: event.tenantId ?? null,
      data: event.data,
    },
  });
  getLogger().info(
    { operator: actor.userId, action: event.action, target: `${event.targetType}/${event.targetId ?? ""}`, tenantId: event.tenantId ?? null },
    "platform operator action",
  );
}
