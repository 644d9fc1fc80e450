import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { getEnv } from "../env";
import { secureSessionCookies } from "./auth-options";
import type { SessionUser } from "./session";

// next-auth's own names for the session cookie (over http, and behind https).
const PLAIN = "next-auth.session-token";
const SECURE = "__Secure-next-auth.session-token";

/**
 * Gives this browser a new session cookie for `sessionId`, shaped exactly as next-auth issues
 * it at sign-in (encrypted JWT, HttpOnly, SameSite=Lax, Secure behind https). Used when the
 * server replaces the current session, so that copies of the old cookie die with it.
 */
export async function issueSessionCookie(user: SessionUser, sessionId: string, now: Date = new Date()): Promise<void> {
  const env = getEnv();
  const maxAge = env.SESSION_MAX_AGE_SECONDS;
  const secure = secureSessionCookies();
  const value = await encode({
    token: { name: user.name, email: user.email, sub: user.id, uid: user.id, sid: sessionId },
    secret: env.NEXTAUTH_SECRET,
    maxAge,
  });
  (await cookies()).set(secure ? SECURE : PLAIN, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    expires: new Date(now.getTime() + maxAge * 1000),
  });
}

/** Removing the cookie only tidies this browser; ending the server-side session is what signs out. */
export async function clearSessionCookies(): Promise<void> {
  const jar = await cookies();
  for (const name of [PLAIN, SECURE]) jar.delete(name);
}
