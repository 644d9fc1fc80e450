"use server";

import type { ActionState } from "@/server/http/action-state";
import { errorState } from "@/server/http/tenant-action";
import { resetPassword } from "@/server/modules/account/password-reset";

export type ResetState = ActionState | { status: "reset"; email: string };

export async function resetPasswordAction(_previous: ResetState, form: FormData): Promise<ResetState> {
  try {
    const { email } = await resetPassword({ token: String(form.get("token") ?? ""), password: String(form.get("password") ?? "") });
    return { status: "reset", email };
  } catch (error) {
    return errorState(error);
  }
}
