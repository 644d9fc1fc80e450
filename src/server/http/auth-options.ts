import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "../auth/sign-in";
import { getEnv } from "../env";
import { isAppError } from "../errors";
import { clientIp } from "./client-ip";
import { appOrigin } from "./local-redirect";
import { safeRedirectPath } from "./safe-redirect";

let options: NextAuthOptions | undefined;

/** Staff sign-in: email + password (Argon2id), JWT sessions in an HttpOnly, SameSite=Lax cookie. */
export function getAuthOptions(): NextAuthOptions {
  if (options) return options;
  const env = getEnv();
  options = {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    useSecureCookies: env.SECURE_COOKIES ?? env.APP_URL.startsWith("https://"),
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
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
  return options;
}
