"use server";

import { revalidatePath } from "next/cache";
import { localRedirect } from "@/server/http/local-redirect";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { inviteProspect } from "@/server/modules/prospects/invite-prospect";
import { markProspectAsCustomer } from "@/server/modules/prospects/mark-prospect-customer";
import { ZInviteProspect, ZProspectRef } from "@/server/modules/prospects/prospect.schemas";

function refFromForm(form: FormData) {
  return { network: formText(form, "network") ?? "", authorExternalId: formText(form, "authorExternalId") ?? "" };
}

/** Records the invitation, and posts it as the brand's reply when asked; otherwise the form copies the text to the clipboard. */
export const inviteProspectAction = tenantAction(
  {
    permission: "customers:write",
    schema: ZInviteProspect,
    fromForm: (form) => ({ ...refFromForm(form), text: formText(form, "text") ?? "", postAsReply: form.get("postAsReply") === "on" }),
  },
  async (ctx, input) => {
    const { reply } = await inviteProspect(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/prospects`);
    if (!reply) return { status: "ok", message: "Invitation recorded and its text copied. Post it as a reply or DM yourself." };
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    if (reply.status === "FAILED") {
      return { status: "error", message: `Invitation recorded, but the reply was not posted: ${reply.error ?? "the network refused it"}.`, fieldErrors: {} };
    }
    return { status: "ok", message: `Invitation posted as @${reply.asHandle}'s reply under their latest mention.` };
  },
);

export const markProspectCustomerAction = tenantAction({ permission: "customers:write", schema: ZProspectRef, fromForm: refFromForm }, async (ctx, input) => {
  const { customerId } = await markProspectAsCustomer(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/prospects`);
  localRedirect(`/t/${ctx.tenantSlug}/customers/${customerId}?saved=created`);
});
