import { getServerSession } from "next-auth";
import { getAuthOptions } from "./auth-options";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** The signed-in staff user, or null. Works in pages, layouts, route handlers and actions. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? user.email };
}
