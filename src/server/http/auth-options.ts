import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "../auth/sign-in";
import { getEnv } from "../env";
import { isAppError } from "../errors";
import { checkStaffSession, endStaffSession, startStaffSession } from "../auth/staff-sessions";
import { clientIp } from "./client-ip";
import { appOrigin } from "./local-redirect";
import { safeRedirectPath } from "./safe-redirect";

/** Same rule as next-auth's cookie naming: `__Secure-` cookies behind https. */
export function secureSessionCookies(): boolean {
  const env = getEnv();
  return env.SECURE_COOKIES ?? env.APP_URL.startsWith("https://");
}

let options: NextAuthOptions | undefined;

/**
 * Staff sign-in: email + password (Argon2id), JWT sessions in an HttpOnly, SameSite=Lax cookie.
 * The JWT names a server-side StaffSession (`sid`) that every request checks (session.ts), so
 * the cookie's own lifetime is only an upper bound.
 */
export function getAuthOptions(): NextAuthOptions {
  if (options) return options;
  const env = getEnv();
  options = {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureSessionCookies(),
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          if (!credentials?.email || !credentials.password) return null;
          try {
            return await verifyCredentials(credentials.email, credentials.password, clientIp(req?.headers as Record<string, unknown> | undefined));
          } catch (error) {
            // next-auth passes an Error's message to the client as `error`: a stable code.
            if (isAppError(error) && error.code === "RATE_LIMITED") throw new Error("RATE_LIMITED");
            if (isAppError(error) && error.code === "UNAUTHENTICATED") return null;
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // Every redirect next-auth builds (callbackUrl, sign-in page, sign-out) goes through the one
      // destination check, on the origin from APP_URL, never on a Host or X-Forwarded-Host.
      redirect({ url }) {
        const origin = appOrigin();
        return `${origin}${safeRedirectPath(url, origin)}`;
      },
      async jwt({ token, user }) {
        // `user` is only present at sign-in: each sign-in is a new server-side session.
        if (user) {
          token.uid = user.id;
          token.sid = await startStaffSession(user.id);
        }
        return token;
      },
      // What /api/auth/session answers: an ended session has no user, as getSessionUser() says.
      async session({ session, token }) {
        const check = await checkStaffSession(token.sid, token.uid);
        if (!check.alive) return { expires: session.expires };
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
    events: {
      // next-auth's own /api/auth/signout (the app's sign-out action ends it the same way).
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endStaffSession(token.sid, "sign-out");
      },
    },
  };
  return options;
}
