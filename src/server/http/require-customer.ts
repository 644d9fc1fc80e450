import { notFound, redirect } from "next/navigation";
import type { CustomerContext } from "../auth/tenant-context";
import { AppError } from "../errors";
import { resolveCustomerSession } from "../modules/portal/customer-sessions";
import { findPortalBrand, type PortalBrand } from "../modules/portal/portal-brand";
import { safeLocalPath } from "./local-redirect";
import { readPortalSessionToken } from "./portal-cookies";
import { currentRequestPath } from "./request-path";

export interface PortalVisit {
  brand: PortalBrand;
  /** Null: nobody is signed in to this brand's portal in this browser. */
  cctx: CustomerContext | null;
}

export interface CustomerPage {
  brand: PortalBrand;
  cctx: CustomerContext;
}

/** A portal page's brand, or the 404 page for a slug no brand has. */
export async function portalBrandOr404(slug: string): Promise<PortalBrand> {
  try {
    return await findPortalBrand(slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/**
 * The one reading of the portal cookie, for every portal guard (pages, actions, route handlers):
 * the brand's customer this browser's session stands for, with its token, or null.
 */
export async function currentCustomer(brand: PortalBrand): Promise<{ cctx: CustomerContext; token: string } | null> {
  const token = await readPortalSessionToken();
  const cctx = token ? await resolveCustomerSession(brand.scope, token) : null;
  return token && cctx ? { cctx, token } : null;
}

/** The guard of portal pages open to visitors (landing, ways to earn, sign-in): who, if anyone, is signed in. */
export async function visitPortal(slug: string): Promise<PortalVisit> {
  const brand = await portalBrandOr404(slug);
  return { brand, cctx: (await currentCustomer(brand))?.cctx ?? null };
}

/**
 * The guard of every customer page of the portal (called in each page.tsx): signed out → the
 * portal's sign-in page with a way back. Staff sessions count for nothing here.
 */
export async function requireCustomer(slug: string, returnTo: string): Promise<CustomerPage> {
  const { brand, cctx } = await visitPortal(slug);
  if (!cctx) redirect(`/r/${brand.scope.tenantSlug}/sign-in?next=${encodeURIComponent(await currentRequestPath(returnTo))}`);
  return { brand, cctx };
}

/**
 * Where to go after signing in: a page of this brand's portal, never anywhere else. The path is
 * normalised first (safe-redirect.ts resolves dot segments), so "/r/a/../../t/x" is not a portal page.
 */
export function portalReturnPath(slug: string, next: unknown): string {
  const home = `/r/${slug}`;
  const path = safeLocalPath(next, home);
  return path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}?`) ? path : home;
}
