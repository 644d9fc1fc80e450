import { cookies } from "next/headers";
import { secureSessionCookies } from "./auth-options";

/**
 * The portal's own cookies, apart from staff's next-auth cookie: HttpOnly, SameSite=Lax, and
 * scoped to one brand's portal path (/r/{slug}), so a browser never sends brand A's customer
 * session to brand B's portal or to a staff screen. Each holds a random token whose hash is the
 * server-side record (customer-sessions.ts, join-portal.ts).
 */
const SESSION = "megaphone_portal";
const JOIN = "megaphone_portal_join";

const portalPath = (slug: string) => `/r/${slug}`;

async function setScoped(name: string, slug: string, value: string, expires: Date): Promise<void> {
  (await cookies()).set(name, value, { httpOnly: true, sameSite: "lax", path: portalPath(slug), secure: secureSessionCookies(), expires });
}

async function clearScoped(name: string, slug: string): Promise<void> {
  (await cookies()).set(name, "", { httpOnly: true, sameSite: "lax", path: portalPath(slug), secure: secureSessionCookies(), maxAge: 0 });
}

export async function readPortalSessionToken(): Promise<string | null> {
  return (await cookies()).get(SESSION)?.value || null;
}

export const setPortalSessionCookie = (slug: string, session: { token: string; expiresAt: Date }) => setScoped(SESSION, slug, session.token, session.expiresAt);
export const clearPortalSessionCookie = (slug: string) => clearScoped(SESSION, slug);

export async function readJoinToken(): Promise<string | null> {
  return (await cookies()).get(JOIN)?.value || null;
}

export const setJoinCookie = (slug: string, token: string, expires: Date) => setScoped(JOIN, slug, token, expires);
export const clearJoinCookie = (slug: string) => clearScoped(JOIN, slug);
