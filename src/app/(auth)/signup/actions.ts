"use server";

import { headers } from "next/headers";
import { assertActionForm } from "@/server/http/action-payload";
import { clientIp } from "@/server/http/client-ip";
import { errorState, formText } from "@/server/http/tenant-action";
import type { ConfirmSignUpState, SignUpState } from "@/features/auth/auth-form-states";
import { confirmSignUp, signUp } from "@/server/modules/tenants/tenant.service";

/**
 * Public, step 1: asks for a confirmation email. The answer is the same whether or not the
 * address already has an account (its owner is told by email instead).
 */
export async function signUpAction(form: FormData): Promise<SignUpState> {
  try {
    assertActionForm(form);
    return await signUp(
      {
        name: formText(form, "name") ?? "",
        email: formText(form, "email") ?? "",
        password: formText(form, "password") ?? "",
        companyName: formText(form, "companyName") ?? "",
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
    const result = await confirmSignUp({ token: formText(form, "token") ?? "", password: formText(form, "password") ?? "" }, { ip: clientIp(await headers()) });
    return { status: "created", tenantSlug: result.tenantSlug, email: result.email };
  } catch (error) {
    return errorState(error);
  }
}
