import { NextResponse } from "next/server";
import type { CustomerContext } from "../auth/tenant-context";
import { AppError } from "../errors";
import { getEnv } from "../env";
import { findPortalBrand, type PortalBrand } from "../modules/portal/portal-brand";
import { assertSafeRequestInput } from "./guard-steps";
import { problemResponse } from "./problem";
import { currentCustomer } from "./require-customer";

export interface CustomerRoute {
  brand: PortalBrand;
  cctx: CustomerContext;
  /** The portal session's own token (from its cookie), for flows bound to this session. */
  sessionToken: string;
}

/** An absolute address of this app (APP_URL), for redirects that leave and come back (OAuth). */
export function appUrl(path: string): string {
  return new URL(path, getEnv().APP_URL).toString();
}

/**
 * The guard of the portal's GET route handlers that a network redirects the browser to (the OAuth
 * callback): the brand of the URL (404 otherwise), then that brand's customer session from the
 * path-scoped cookie; signed out → the sign-in page with the way back to `returnTo`. A staff
 * session counts for nothing here.
 */
export function customerRoute(returnTo: (slug: string) => string, run: (page: CustomerRoute, url: URL) => Promise<Response>) {
  return async (request: Request, { params }: { params: Promise<{ brand: string }> }): Promise<Response> => {
    const { brand: slug } = await params;
    let brand: PortalBrand;
    try {
      brand = await findPortalBrand(slug);
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") return new NextResponse("Not found", { status: 404 });
      throw error;
    }
    const signedIn = await currentCustomer(brand);
    if (!signedIn) {
      const back = returnTo(brand.scope.tenantSlug);
      return NextResponse.redirect(appUrl(`/r/${brand.scope.tenantSlug}/sign-in?next=${encodeURIComponent(back)}`), 303);
    }
    return run({ brand, cctx: signedIn.cctx, sessionToken: signedIn.token }, new URL(request.url));
  };
}

/**
 * The guard of the portal's route handlers that need no session (the one-click unsubscribe a mail
 * provider POSTs, RFC 8058): the brand of the URL (404 otherwise) → the input normaliser on the
 * path and query → run. The route's own token is its authority.
 */
export function portalVisitorRoute(run: (brand: PortalBrand, params: Record<string, string>, request: Request) => Promise<Response>) {
  return async (request: Request, { params }: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const values = await params;
    try {
      const brand = await findPortalBrand(values.brand ?? "");
      assertSafeRequestInput(new URL(request.url).searchParams, values);
      return await run(brand, values, request);
    } catch (error) {
      return problemResponse(error, new URL(request.url).pathname);
    }
  };
}
