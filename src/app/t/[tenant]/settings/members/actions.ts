"use server";

import { revalidatePath } from "next/cache";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZInviteMember } from "@/server/modules/members/member.schemas";
import { inviteMember } from "@/server/modules/members/member.service";

export const inviteMemberAction = tenantAction(
  {
    permission: "members:invite",
    schema: ZInviteMember,
    fromForm: (form) => ({ email: formText(form, "email") ?? "", role: formText(form, "role") ?? "" }),
  },
  async (ctx, input) => {
    const invitation = await inviteMember(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/members`);
    return { status: "ok", message: `Invitation sent to ${invitation.email}.` };
  },
);
