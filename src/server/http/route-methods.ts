import { methodNotAllowedResponse } from "./problem";

/** The methods Next routes to a route.ts export; anything else never reaches the file. */
const ROUTE_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteMethod = (typeof ROUTE_METHODS)[number];
type ServedMethod = Exclude<RouteMethod, "HEAD" | "OPTIONS">;
type Handler = (request: Request) => Response;

/** HEAD is served by GET (Next does that itself) unless the route has no GET. */
type Refused<A extends ServedMethod> = Exclude<RouteMethod, A | ("GET" extends A ? "HEAD" : never)>;

/**
 * The handlers a route file exports for the methods it does not serve, so that each answers 405
 * with an Allow header and the problem+json body of every other error (Next's own 405 has
 * neither), and OPTIONS lists the real methods. Every route.ts ends with one line:
 *
 *   export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
 *
 * The type names exactly the methods left over, so a handler and its 405 cannot both be
 * exported; tests/security/bad-input.test.ts checks that every route file exports all of them.
 */
export function otherMethods<const A extends readonly ServedMethod[]>(served: A): Record<Refused<A[number]>, Handler> {
  const allow = allowHeader(served);
  const handlers: Partial<Record<RouteMethod, Handler>> = {};
  for (const method of ROUTE_METHODS) {
    if (served.includes(method as ServedMethod)) continue;
    if (method === "HEAD" && served.includes("GET")) continue;
    handlers[method] =
      method === "OPTIONS"
        ? () => new Response(null, { status: 204, headers: { allow: allow.join(", ") } })
        : (request) => methodNotAllowedResponse(method, allow, new URL(request.url).pathname);
  }
  return handlers as Record<Refused<A[number]>, Handler>;
}

function allowHeader(served: readonly ServedMethod[]): string[] {
  const allow = new Set<string>([...served, "OPTIONS"]);
  if (served.includes("GET")) allow.add("HEAD");
  return [...allow].sort();
}

export const ALL_ROUTE_METHODS: readonly RouteMethod[] = ROUTE_METHODS;
