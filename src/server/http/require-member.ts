import { notFound, redirect } from "next/navigation";
import { listTenantsForUser, rememberLastTenant, type TenantSummary } from "../auth/membership";
import type { Permission } from "../auth/permissions";
import { roleCan } from "../auth/permissions";
import type { TenantContext } from "../auth/tenant-context";
import { ZTenantSlug } from "../modules/tenants/tenant.schemas";
import { currentRequestPath } from "./request-path";
import { getSessionUser, type SessionUser } from "./session";

export interface MemberPage {
  user: SessionUser;
  ctx: TenantContext;
  tenant: TenantSummary;
  tenants: TenantSummary[];
  can: (permission: Permission) => boolean;
}

/**
 * The guard of every tenant page (called in each page.tsx, never only in a layout): signed out
 * → sign-in with a way back; not a member → 404, exactly as for a tenant that does not exist.
 */
export async function requireMember(slug: string, returnTo: string): Promise<MemberPage> {
  const user = await getSessionUser();
  if (!user) redirect(await signInPath(returnTo));
  if (!ZTenantSlug.safeParse(slug).success) notFound();
  const tenants = await listTenantsForUser(user.id);
  const tenant = tenants.find((t) => t.slug === slug);
  if (!tenant) notFound();
  await rememberLastTenant(user.id, tenant.id);
  const ctx: TenantContext = { tenantId: tenant.id, tenantSlug: tenant.slug, role: tenant.role, actor: { type: "USER", id: user.id } };
  return { user, ctx, tenant, tenants, can: (permission) => roleCan(tenant.role, permission) };
}

/** The sign-in page with a way back to the page (and query) the visitor asked for. */
async function signInPath(returnTo: string): Promise<string> {
  return `/signin?callbackUrl=${encodeURIComponent(await currentRequestPath(returnTo))}`;
}

export async function requireUserPage(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(await signInPath(returnTo));
  return user;
}
