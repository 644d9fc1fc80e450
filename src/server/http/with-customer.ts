import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { CustomerContext } from "../auth/tenant-context";
import { AppError } from "../errors";
import { findPortalBrand, type PortalBrand } from "../modules/portal/portal-brand";
import { assertSafeRequestInput, assertSameOrigin, parseWith, readJsonBody, searchParamsToObject } from "./guard-steps";
import { currentCustomer } from "./require-customer";
import { problemResponse } from "./problem";
import { appOrigins } from "./server-action-guard";

type RouteParams = Record<string, string | string[] | undefined>;

interface CustomerRequest<Q, B> {
  brand: PortalBrand;
  cctx: CustomerContext;
  request: NextRequest;
  params: RouteParams;
  query: Q;
  body: B;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The one guard of the portal's route handlers under /r/[brand]/…: the brand of the URL (404) →
 * same-origin for writes → that brand's customer session from the portal cookie (401; a staff
 * session counts for nothing) → input normaliser → query and body with zod (400/422). Errors leave as problem+json.
 */
export function withCustomer<Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  options: { query?: Q; body?: B },
  handler: (req: CustomerRequest<Infer<Q>, Infer<B>>) => Promise<Response>,
) {
  return async (request: NextRequest, context: { params: Promise<RouteParams> }): Promise<Response> => {
    try {
      const params = await context.params;
      const brand = await findPortalBrand(typeof params.brand === "string" ? params.brand : "");
      assertSameOrigin(request.method, request.headers, appOrigins());
      const signedIn = await currentCustomer(brand);
      if (!signedIn) throw new AppError("UNAUTHENTICATED", "sign in to the portal to continue");
      const { cctx } = signedIn;
      assertSafeRequestInput(request.nextUrl.searchParams, params);
      const query = (options.query ? parseWith(options.query, searchParamsToObject(request.nextUrl.searchParams)) : undefined) as Infer<Q>;
      const body = (options.body ? parseWith(options.body, await readJsonBody(request)) : undefined) as Infer<B>;
      return await handler({ brand, cctx, request, params, query, body });
    } catch (error) {
      return problemResponse(error, request.nextUrl.pathname);
    }
  };
}
