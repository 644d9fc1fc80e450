import type { NextRequest } from "next/server";
import type { z } from "zod";
import { resolveMembership } from "../auth/membership";
import type { Permission } from "../auth/permissions";
import { assertCan, type TenantContext } from "../auth/tenant-context";
import { getEnv } from "../env";
import { ZTenantSlug } from "../modules/tenants/tenant.schemas";
import { assertSafeRequestInput, assertSameOrigin, parseWith, readJsonBody, requireMembership, requireUser, searchParamsToObject } from "./guard-steps";
import { problemResponse } from "./problem";
import { getSessionUser } from "./session";

type RouteParams = Record<string, string | string[] | undefined>;

interface GuardOptions<Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  permission: Permission;
  query?: Q;
  body?: B;
}

interface GuardedRequest<Q, B> {
  ctx: TenantContext;
  request: NextRequest;
  params: RouteParams;
  query: Q;
  body: B;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The one guard of every tenant route handler under /api/v1/tenants/[tenant]/…:
 * authenticate → same-origin for writes → membership (404 for a foreign tenant) → permission
 * (403) → input normaliser on every string (safe-input.ts) → parse query and body with zod
 * (400/422). Errors leave as problem+json.
 */
export function withTenant<Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  options: GuardOptions<Q, B>,
  handler: (req: GuardedRequest<Infer<Q>, Infer<B>>) => Promise<Response>,
) {
  return async (request: NextRequest, context: { params: Promise<RouteParams> }): Promise<Response> => {
    try {
      const params = await context.params;
      const user = requireUser(await getSessionUser());
      const env = getEnv();
      assertSameOrigin(request.method, request.headers, [new URL(env.APP_URL).origin, new URL(env.NEXTAUTH_URL).origin]);
      const slug = ZTenantSlug.safeParse(params.tenant);
      const ctx = requireMembership(slug.success ? await resolveMembership(user.id, slug.data) : null);
      assertCan(ctx, options.permission);
      assertSafeRequestInput(request.nextUrl.searchParams, params);
      const query = (options.query ? parseWith(options.query, searchParamsToObject(request.nextUrl.searchParams)) : undefined) as Infer<Q>;
      const body = (options.body ? parseWith(options.body, await readJsonBody(request)) : undefined) as Infer<B>;
      return await handler({ ctx, request, params, query, body });
    } catch (error) {
      return problemResponse(error, request.nextUrl.pathname);
    }
  };
}
