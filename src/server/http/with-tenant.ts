import type { NextRequest } from "next/server";
import type { z } from "zod";
import { resolveMembership } from "../auth/membership";
import type { Permission } from "../auth/permissions";
import { assertCan, type TenantContext } from "../auth/tenant-context";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { authenticateApiKey, bearerKeyOf, consumeApiKeyRequest, rateLimitHeaders } from "../modules/api-keys/authenticate-api-key";
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
 * authenticate (an `Authorization: Bearer` API key, or the staff session cookie) → for a session,
 * same-origin for writes; for a key, its per-minute limit (429, RateLimit-* headers on every answer)
 * → membership or the key's own brand (404 for a foreign tenant) → permission, and a key's scopes
 * (403) → input normaliser on every string (safe-input.ts) → parse query and body with zod
 * (400/422). Errors leave as problem+json.
 */
export function withTenant<Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  options: GuardOptions<Q, B>,
  handler: (req: GuardedRequest<Infer<Q>, Infer<B>>) => Promise<Response>,
) {
  return async (request: NextRequest, context: { params: Promise<RouteParams> }): Promise<Response> => {
    let limitHeaders: Record<string, string> = {};
    const answer = (response: Response) => {
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return response;
    };
    try {
      const params = await context.params;
      const slug = ZTenantSlug.safeParse(params.tenant);
      const bearer = bearerKeyOf(request.headers);
      let ctx: TenantContext;
      if (bearer !== null) {
        // No cookie is involved, so no cross-site request can carry a key: no Origin check.
        if (!slug.success) throw AppError.notFound("tenant");
        ctx = await authenticateApiKey(bearer, slug.data);
        const limit = await consumeApiKeyRequest(ctx);
        limitHeaders = rateLimitHeaders(limit);
        if (!limit.allowed) {
          throw new AppError("RATE_LIMITED", `this API key made more than ${limit.limit} requests this minute`, { retryAfterSeconds: limit.resetSeconds });
        }
      } else {
        const user = requireUser(await getSessionUser());
        const env = getEnv();
        assertSameOrigin(request.method, request.headers, [new URL(env.APP_URL).origin, new URL(env.NEXTAUTH_URL).origin]);
        ctx = requireMembership(slug.success ? await resolveMembership(user.id, slug.data) : null);
      }
      assertCan(ctx, options.permission);
      assertSafeRequestInput(request.nextUrl.searchParams, params);
      const query = (options.query ? parseWith(options.query, searchParamsToObject(request.nextUrl.searchParams)) : undefined) as Infer<Q>;
      const body = (options.body ? parseWith(options.body, await readJsonBody(request)) : undefined) as Infer<B>;
      return answer(await handler({ ctx, request, params, query, body }));
    } catch (error) {
      return answer(problemResponse(error, request.nextUrl.pathname));
    }
  };
}
