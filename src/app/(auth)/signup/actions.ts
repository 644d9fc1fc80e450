"use server";

import { headers } from "next/headers";
import { assertActionForm } from "@/server/http/action-payload";
import { clientIp } from "@/server/http/client-ip";
import { errorState } from "@/server/http/tenant-action";
import type { ActionState } from "@/server/http/action-state";
import { confirmSignUp, signUp } from "@/server/modules/tenants/tenant.service";

export type SignUpState = ActionState | { status: "check-email"; email: string };
export type ConfirmSignUpState = ActionState | { status: "created"; tenantSlug: string; email: string };

/**
 * Public, step 1: asks for a confirmation email. The answer is the same whether or not the
 * address already has an account (its owner is told by email instead).
 */
export async function signUpAction(form: FormData): Promise<SignUpState> {
  try {
    assertActionForm(form);
    return await signUp(
      {
        name: String(form.get("name") ?? ""),
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        companyName: String(form.get("companyName") ?? ""),
      },
      { ip: clientIp(await headers()) },
    );
  } catch (error) {
    return errorState(error);
  }
}

/** Public, step 2: the emailed link plus the chosen password create the account and brand. */
export async function confirmSignUpAction(form: FormData): Promise<ConfirmSignUpState> {
  try {
    assertActionForm(form);
    const result = await confirmSignUp(
      { token: String(form.get("token") ?? ""), password: String(form.get("password") ?? "") },
      { ip: clientIp(await headers()) },
    );
    return { status: "created", tenantSlug: result.tenantSlug, email: result.email };
  } catch (error) {
    return errorState(error);
  }
}
