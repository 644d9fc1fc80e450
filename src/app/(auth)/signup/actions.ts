"use server";

import { assertActionForm } from "@/server/http/action-payload";
import { errorState } from "@/server/http/tenant-action";
import type { ActionState } from "@/server/http/action-state";
import { signUp } from "@/server/modules/tenants/tenant.service";

export type SignUpState = ActionState | { status: "created"; tenantSlug: string };

/** Public: creates the account, the brand (tenant) and the OWNER membership. */
export async function signUpAction(form: FormData): Promise<SignUpState> {
  try {
    assertActionForm(form);
    const result = await signUp({
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      companyName: String(form.get("companyName") ?? ""),
    });
    return { status: "created", tenantSlug: result.tenantSlug };
  } catch (error) {
    return errorState(error);
  }
}
