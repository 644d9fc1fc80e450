"use server";

import { assertActionForm } from "@/server/http/action-payload";
import { localRedirect } from "@/server/http/local-redirect";
import { getSessionUser } from "@/server/http/session";
import { errorState, formText } from "@/server/http/tenant-action";
import type { ActionState } from "@/server/http/action-state";
import { acceptInvitation } from "@/server/modules/members/member.service";
import type { AcceptState } from "@/features/members/accept-invite-state";

/** New person: creates their account with the invited email, then the client signs them in. */
export async function acceptAsNewUserAction(form: FormData): Promise<AcceptState> {
  try {
    assertActionForm(form);
    const result = await acceptInvitation(formText(form, "token") ?? "", {
      name: formText(form, "name") ?? "",
      password: formText(form, "password") ?? "",
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
    slug = (await acceptInvitation(formText(form, "token") ?? "", { signedInUserId: user.id })).tenantSlug;
  } catch (error) {
    return errorState(error);
  }
  localRedirect(`/t/${slug}`);
}
