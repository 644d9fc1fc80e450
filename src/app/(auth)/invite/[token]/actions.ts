"use server";

import { assertActionForm } from "@/server/http/action-payload";
import { localRedirect } from "@/server/http/local-redirect";
import { getSessionUser } from "@/server/http/session";
import { errorState } from "@/server/http/tenant-action";
import type { ActionState } from "@/server/http/action-state";
import { acceptInvitation } from "@/server/modules/members/member.service";

export type AcceptState = ActionState | { status: "joined"; tenantSlug: string };

/** New person: creates their account with the invited email, then the client signs them in. */
export async function acceptAsNewUserAction(form: FormData): Promise<AcceptState> {
  try {
    assertActionForm(form);
    const result = await acceptInvitation(String(form.get("token") ?? ""), {
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    return { status: "joined", tenantSlug: result.tenantSlug };
  } catch (error) {
    return errorState(error);
  }
}

/** Someone already signed in with the invited email joins the tenant directly. */
export async function acceptAsSignedInAction(_state: ActionState, form: FormData): Promise<ActionState> {
  let slug: string;
  try {
    assertActionForm(form);
    const user = await getSessionUser();
    if (!user) return { status: "error", message: "Sign in first.", fieldErrors: {} };
    slug = (await acceptInvitation(String(form.get("token") ?? ""), { signedInUserId: user.id })).tenantSlug;
  } catch (error) {
    return errorState(error);
  }
  localRedirect(`/t/${slug}`);
}
