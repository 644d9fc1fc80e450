import type { TenantScope } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { appearanceOf } from "../tenants/brand-appearance.service";
import { ZTenantSlug } from "../tenants/tenant.schemas";

export interface PortalBrand {
  /** Who acts is not known yet: an anonymous visitor of the brand's portal. */
  scope: TenantScope;
  name: string;
  /** The brand's colour stylesheet and logo, for the portal's frame (brand settings). */
  theme: { themeUrl: string; logoUrl: string | null };
  /** The brand's own privacy policy (https only, Settings → Privacy), linked under every portal page. */
  privacyPolicyUrl: string | null;
}

/** The brand a portal URL names; an unknown or malformed slug is a 404 like any other. */
export async function findPortalBrand(slug: string): Promise<PortalBrand> {
  if (!ZTenantSlug.safeParse(slug).success) throw AppError.notFound("brand");
  const tenant = await getDb().tenant.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, brandColor: true, logoKey: true, privacyPolicyUrl: true },
  });
  if (!tenant) throw AppError.notFound("brand");
  const scope: TenantScope = { tenantId: tenant.id, tenantSlug: tenant.slug, actor: { type: "CUSTOMER", id: null } };
  // The same row carries the look: no second read of the tenant on every portal request.
  const { themeUrl, logoUrl } = appearanceOf(tenant);
  return { scope, name: tenant.name, theme: { themeUrl, logoUrl }, privacyPolicyUrl: tenant.privacyPolicyUrl };
}
