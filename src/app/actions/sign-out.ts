"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";

// next-auth v4 keeps the session in a signed JWT cookie; signing out is removing it.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) jar.delete(name);
  redirect("/signin");
}
