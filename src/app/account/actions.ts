"use server";

import { redirect } from "next/navigation";
import type { ActionState } from "@/server/http/action-state";
import { getCurrentSession } from "@/server/http/session";
import { errorState } from "@/server/http/tenant-action";
import { changePassword } from "@/server/modules/account/change-password";

/** Changes the signed-in user's password; this browser stays signed in, every other one is signed out. */
export async function changePasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  try {
    const session = await getCurrentSession();
    if (!session) redirect("/signin?callbackUrl=%2Faccount");
    const { otherSessionsEnded } = await changePassword(session.user.id, session.sessionId, {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
    const others = otherSessionsEnded === 1 ? "1 other device was" : `${otherSessionsEnded} other devices were`;
    return { status: "ok", message: `Password changed. ${others} signed out.` };
  } catch (error) {
    return errorState(error);
  }
}
