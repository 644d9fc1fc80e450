import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { ZAuditLogQuery, type AuditLogPage, type AuditLogQuery } from "./audit-log.schemas";

const DAY_MS = 86_400_000;
const DETAILS_MAX = 400;

/**
 * The brand's audit entries, newest first, a keyset page at a time (audit ids are time-ordered,
 * so `id < after` on the `(tenantId, id)` key is stable while entries arrive). "What" is the
 * area before the dot of an action (`member` for member.invited, member.removed, …).
 */
export async function listAuditLog(ctx: TenantContext, rawQuery: AuditLogQuery = {}): Promise<AuditLogPage> {
  assertCan(ctx, "audit:read");
  const query = ZAuditLogQuery.parse(rawQuery);
  const db = getDb();
  const where: Prisma.AuditLogWhereInput = {
    tenantId: ctx.tenantId,
    ...(query.who === "system" ? { actorType: "SYSTEM" } : query.who ? { actorId: query.who } : {}),
    ...(query.what ? { action: { startsWith: `${query.what}.` } } : {}),
    ...(query.from || query.to
      ? {
          createdAt: {
            ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
            ...(query.to ? { lt: new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) } : {}),
          },
        }
      : {}),
    ...(query.after ? { id: { lt: query.after } } : {}),
  };
  const rows = await db.auditLog.findMany({
    where,
    select: { id: true, createdAt: true, action: true, actorType: true, actorId: true, targetType: true, targetId: true, data: true },
    orderBy: { id: "desc" },
    take: query.pageSize + 1,
  });
  const page = rows.slice(0, query.pageSize);
  const names = await memberNames(ctx, [...new Set(page.map((r) => r.actorId).filter((id): id is string => !!id))]);
  return {
    items: page.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      action: r.action,
      actorId: r.actorId,
      actor: r.actorType === "SYSTEM" ? "System" : r.actorType === "API_KEY" ? "API key" : r.actorId ? (names.get(r.actorId) ?? "A former member") : "Unknown",
      target: r.targetId ? `${r.targetType} ${r.targetId}` : r.targetType,
      details: details(r.data),
    })),
    nextAfter: rows.length > query.pageSize ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Names of the brand's current members; someone who left is no longer named here. */
async function memberNames(ctx: TenantContext, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const members = await getDb().membership.findMany({
    where: { tenantId: ctx.tenantId, userId: { in: userIds } },
    select: { userId: true, user: { select: { name: true, email: true } } },
  });
  return new Map(members.map((m) => [m.userId, m.user.name || m.user.email]));
}

/** The people a "who" filter can name: the brand's members, by name. */
export async function auditActorOptions(ctx: TenantContext): Promise<{ id: string; name: string }[]> {
  assertCan(ctx, "audit:read");
  const members = await getDb().membership.findMany({
    where: { tenantId: ctx.tenantId },
    select: { userId: true, user: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return members.map((m) => ({ id: m.userId, name: m.user.name || m.user.email }));
}

function details(data: unknown): string {
  if (data === null || data === undefined) return "";
  const text = JSON.stringify(data);
  return [...text].length > DETAILS_MAX ? `${[...text].slice(0, DETAILS_MAX - 1).join("")}…` : text;
}
