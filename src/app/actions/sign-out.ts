"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { endAllStaffSessions, endStaffSession } from "@/server/auth/staff-sessions";
import { getCurrentSession } from "@/server/http/session";

// The cookie only names a server-side session: ending that session is what signs out (a copy
// of the cookie elsewhere is refused too); removing the cookie just tidies this browser.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

async function clearSessionCookies(): Promise<void> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) jar.delete(name);
}

export async function signOutAction(): Promise<void> {
  const session = await getCurrentSession();
  if (session) await endStaffSession(session.sessionId, "sign-out");
  await clearSessionCookies();
  redirect("/signin");
}

/** Ends every session of this user: other browsers, phones, a stolen cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const session = await getCurrentSession();
  if (session) await endAllStaffSessions(session.user.id, "sign-out-everywhere");
  await clearSessionCookies();
  redirect("/signin");
}
