import { getToken, type JWT } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { checkStaffSession } from "../auth/staff-sessions";
import { getEnv } from "../env";
import { secureSessionCookies } from "./auth-options";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface CurrentSession {
  user: SessionUser;
  /** The server-side StaffSession (for "sign out", "keep this one" on a password change). */
  sessionId: string;
}

/**
 * The signed JWT from the session cookie and its server-side session, checked now: ended,
 * idle or too old → null. Only the cookie is read (no `Authorization: Bearer` fallback).
 */
export async function sessionFromCookies(jar: { getAll(): Array<{ name: string; value: string }> }, now: Date = new Date()): Promise<CurrentSession | null> {
  const token: JWT | null = await getToken({
    req: { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: getEnv().NEXTAUTH_SECRET,
    secureCookie: secureSessionCookies(),
  });
  if (!token || typeof token.uid !== "string" || typeof token.sid !== "string" || !token.email) return null;
  const check = await checkStaffSession(token.sid, token.uid, now);
  if (!check.alive) return null;
  return { user: { id: token.uid, email: token.email, name: token.name ?? token.email }, sessionId: token.sid };
}

/** The signed-in staff user's live session, or null; read once per request render. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => sessionFromCookies(await cookies()));

/** The signed-in staff user, or null. Works in pages, layouts, route handlers and actions. */
export async function getSessionUser(): Promise<SessionUser | null> {
  return (await getCurrentSession())?.user ?? null;
}
