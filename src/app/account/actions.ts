"use server";

import { redirect } from "next/navigation";
import type { ActionState } from "@/server/http/action-state";
import { getCurrentSession } from "@/server/http/session";
import { issueSessionCookie } from "@/server/http/session-cookie";
import { errorState, formText } from "@/server/http/tenant-action";
import { changePassword } from "@/server/modules/account/change-password";

/** Changes the signed-in user's password; every session ends and this browser gets a new one. */
export async function changePasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  try {
    const session = await getCurrentSession();
    if (!session) redirect("/signin?callbackUrl=%2Faccount");
    const { sessionId } = await changePassword(session.user.id, {
      currentPassword: formText(form, "currentPassword") ?? "",
      newPassword: formText(form, "newPassword") ?? "",
    });
    await issueSessionCookie(session.user, sessionId);
    return { status: "ok", message: "Password changed. Every other device was signed out; you stay signed in here." };
  } catch (error) {
    return errorState(error);
  }
}
