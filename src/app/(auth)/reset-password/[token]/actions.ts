"use server";

import { errorState, formText } from "@/server/http/tenant-action";
import { resetPassword } from "@/server/modules/account/password-reset";
import type { ResetState } from "@/features/auth/auth-form-states";

export async function resetPasswordAction(_previous: ResetState, form: FormData): Promise<ResetState> {
  try {
    const { email } = await resetPassword({ token: formText(form, "token") ?? "", password: formText(form, "password") ?? "" });
    return { status: "reset", email };
  } catch (error) {
    return errorState(error);
  }
}
