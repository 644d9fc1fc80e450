import { unsafeCrossTenantDb } from "../db/client";
import type { Role } from "../db/generated/enums";
import type { TenantContext } from "./tenant-context";

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

/**
 * The tenants a signed-in user belongs to. A user spans tenants by design, so this reads
 * memberships by user id; it returns only the caller's own memberships.
 */
export async function listTenantsForUser(userId: string): Promise<TenantSummary[]> {
  const rows = await unsafeCrossTenantDb().membership.findMany({
    where: { userId },
    select: { role: true, tenant: { select: { id: true, slug: true, name: true } } },
    orderBy: { tenant: { name: "asc" } },
  });
  return rows.map((r) => ({ ...r.tenant, role: r.role }));
}

/** Membership of a user in the tenant with this slug, as a verified context; null otherwise. */
export async function resolveMembership(userId: string, tenantSlug: string): Promise<TenantContext | null> {
  const row = await unsafeCrossTenantDb().membership.findFirst({
    where: { userId, tenant: { slug: tenantSlug } },
    select: { role: true, tenantId: true },
  });
  if (!row) return null;
  return { tenantId: row.tenantId, tenantSlug, role: row.role, actor: { type: "USER", id: userId } };
}

export async function rememberLastTenant(userId: string, tenantId: string): Promise<void> {
  await unsafeCrossTenantDb().user.updateMany({ where: { id: userId, NOT: { lastTenantId: tenantId } }, data: { lastTenantId: tenantId } });
}

/** Where a user lands after sign-in: the last tenant they used, else their first. */
export async function landingTenantSlug(userId: string): Promise<string | null> {
  const db = unsafeCrossTenantDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { lastTenantId: true } });
  const tenants = await listTenantsForUser(userId);
  return (tenants.find((t) => t.id === user?.lastTenantId) ?? tenants[0])?.slug ?? null;
}
