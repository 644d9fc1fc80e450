import "next-auth";

declare module "next-auth" {
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** The server-side StaffSession this cookie belongs to (src/server/auth/staff-sessions.ts). */
    sid?: string;
  }
}
