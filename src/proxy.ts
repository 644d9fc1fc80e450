import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "./server/env";
import { withoutUntrustedForwarding } from "./server/http/forwarded-headers";
import { REQUEST_PATH_HEADER } from "./server/http/request-path";
import { refuseBadServerAction } from "./server/http/server-action-guard";
import { newNonce, securityHeaders } from "./server/http/security-headers";

/**
 * Runs before every page, API route and server action (Next 16's "proxy", formerly middleware).
 * It only shapes headers; it authorizes nothing (each entry point has its own guard).
 * - A fresh CSP nonce per request, put on the request's Content-Security-Policy so Next stamps
 *   its own scripts with it, and on the response with the other security headers.
 * - Host-forwarding headers from a peer that is not a trusted proxy are dropped before Next,
 *   next-auth or a server action can believe them.
 * - The asked-for path travels to requireMember() so sign-in leads back to it.
 * - A server-action POST that Next would answer with a 500 (foreign Origin, undecodable body)
 *   is answered here with a 403/400 problem instead (server-action-guard.ts).
 */
export async function proxy(request: NextRequest) {
  const env = getEnv();
  const { pathname, search } = request.nextUrl;
  const headers = securityHeaders({ pathname, nonce: newNonce(), appUrl: env.APP_URL, dev: env.NODE_ENV === "development" });

  const refused = await refuseBadServerAction(request);
  if (refused) {
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }

  const requestHeaders = withoutUntrustedForwarding(request.headers);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]!);
  requestHeaders.set(REQUEST_PATH_HEADER, `${pathname}${search}`);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build output needs no nonce (it is not HTML); next.config.js still gives it nosniff and DENY.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
