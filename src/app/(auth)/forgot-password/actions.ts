"use server";

import { headers } from "next/headers";
import type { ActionState } from "@/server/http/action-state";
import { clientIp } from "@/server/http/client-ip";
import { errorState, formText } from "@/server/http/tenant-action";
import { requestPasswordReset } from "@/server/modules/account/password-reset";

/** The same answer whether or not the address has an account: the email is the only signal. */
const SENT = "If an account uses that address, we've emailed it a link to choose a new password. The link expires in 30 minutes.";

export async function requestPasswordResetAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  try {
    await requestPasswordReset({ email: formText(form, "email") ?? "" }, { ip: clientIp(await headers()) });
    return { status: "ok", message: SENT };
  } catch (error) {
    return errorState(error);
  }
}
