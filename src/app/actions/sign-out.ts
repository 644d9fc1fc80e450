"use server";

import { redirect } from "next/navigation";
import { endAllStaffSessions, endStaffSession } from "@/server/auth/staff-sessions";
import { getCurrentSession } from "@/server/http/session";
import { clearSessionCookies } from "@/server/http/session-cookie";

// The cookie only names a server-side session: ending that session is what signs out, so a
// copy of the cookie elsewhere is refused too.
export async function signOutAction(): Promise<void> {
  const session = await getCurrentSession();
  if (session) await endStaffSession(session.sessionId, "sign-out");
  await clearSessionCookies();
  redirect("/signin");
}

/** Ends every session of this user: other browsers, phones, a stolen cookie, and this one. */
export async function signOutEverywhereAction(): Promise<void> {
  const session = await getCurrentSession();
  if (session) await endAllStaffSessions(session.user.id, "sign-out-everywhere");
  await clearSessionCookies();
  redirect("/signin");
}
