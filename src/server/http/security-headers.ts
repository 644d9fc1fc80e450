/**
 * The response headers every page and API answer carries, as pure functions of the request path,
 * the per-request nonce and configuration (src/proxy.ts applies them; tests call them directly).
 */

/** 16 random bytes, base64: a fresh, unguessable CSP nonce for one response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export interface CspOptions {
  nonce: string;
  /** `next dev` needs eval for React's debugging aids; production never does. */
  dev: boolean;
  /** APP_URL is https: ask the browser to upgrade any stray http subresource. */
  https: boolean;
}

/**
 * Scripts run only with this response's nonce ('strict-dynamic' lets them load Next's chunks);
 * no 'unsafe-inline' for scripts or styles: Tailwind is a stylesheet from 'self', and the inline
 * <style>/<script> tags Next emits carry the nonce (it reads it from the request's CSP header).
 */
export function buildContentSecurityPolicy({ nonce, dev, https }: CspOptions): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error("CSP nonce must be base64");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * Uploaded images (/media/<key>): nothing but the image itself. Opened on its own, a sandboxed
 * document with no sources runs nothing even if a browser took it for markup. Pages show these
 * images through img-src 'self' above.
 */
export const MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

const MEDIA_PATH = /^\/media\//;

/**
 * Answers that may hold one person's data, or set session cookies, are never stored by a
 * browser or shared cache: the API, every tenant page, the account pages, and the auth pages.
 */
const NO_STORE = /^\/(?:api|t|account|signin|signup|invite)(?:\/|$)/;

export function needsNoStore(pathname: string): boolean {
  return NO_STORE.test(pathname);
}

export interface SecurityHeaderOptions {
  pathname: string;
  nonce: string;
  appUrl: string;
  dev: boolean;
}

/** The security headers of one response (X-Frame-Options and nosniff also come from next.config.js for static files). */
export function securityHeaders({ pathname, nonce, appUrl, dev }: SecurityHeaderOptions): Record<string, string> {
  const https = new URL(appUrl).protocol === "https:";
  const headers: Record<string, string> = {
    "Content-Security-Policy": MEDIA_PATH.test(pathname) ? MEDIA_CSP : buildContentSecurityPolicy({ nonce, dev, https }),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
  };
  // Over plain http the header is ignored at best and pins a dev host to https at worst.
  if (https) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  if (needsNoStore(pathname)) headers["Cache-Control"] = "no-store";
  return headers;
}
