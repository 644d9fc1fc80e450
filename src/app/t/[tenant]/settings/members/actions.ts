"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { clientIp } from "@/server/http/client-ip";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { changeMemberRole, removeMember } from "@/server/modules/members/member-admin";
import { resendInvitation, revokeInvitation } from "@/server/modules/members/invitation-admin";
import { ZChangeMemberRole, ZInvitationAction, ZInviteMember, ZRemoveMember } from "@/server/modules/members/member.schemas";
import { inviteMember } from "@/server/modules/members/member.service";

export const inviteMemberAction = tenantAction(
  {
    permission: "members:invite",
    schema: ZInviteMember,
    fromForm: (form) => ({ email: formText(form, "email") ?? "", role: formText(form, "role") ?? "" }),
  },
  async (ctx, input) => {
    const invitation = await inviteMember(ctx, input, { ip: clientIp(await headers()) });
    revalidatePath(`/t/${ctx.tenantSlug}/settings/members`);
    return { status: "ok", message: `Invitation sent to ${invitation.email}.` };
  },
);

export const changeMemberRoleAction = tenantAction(
  {
    permission: "members:manage",
    schema: ZChangeMemberRole,
    fromForm: (form) => ({ memberId: formText(form, "id") ?? "", role: formText(form, "role") ?? "" }),
  },
  async (ctx, input) => {
    const result = await changeMemberRole(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/members`);
    return { status: "ok", message: result.changed ? "Role changed; they were signed out and get the new role at their next sign-in." : "No change." };
  },
);

export const removeMemberAction = tenantAction(
  {
    permission: "members:manage",
    schema: ZRemoveMember,
    fromForm: (form) => ({ memberId: formText(form, "id") ?? "" }),
  },
  async (ctx, input) => {
    await removeMember(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/members`);
    return { status: "ok", message: "Member removed." };
  },
);

export const revokeInvitationAction = tenantAction(
  {
    permission: "members:invite",
    schema: ZInvitationAction,
    fromForm: (form) => ({ invitationId: formText(form, "id") ?? "" }),
  },
  async (ctx, input) => {
    const { email } = await revokeInvitation(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/members`);
    return { status: "ok", message: `Invitation to ${email} revoked; its link no longer works.` };
  },
);

export const resendInvitationAction = tenantAction(
  {
    permission: "members:invite",
    schema: ZInvitationAction,
    fromForm: (form) => ({ invitationId: formText(form, "id") ?? "" }),
  },
  async (ctx, input) => {
    const invitation = await resendInvitation(ctx, input, async () => ({ ip: clientIp(await headers()) }));
    revalidatePath(`/t/${ctx.tenantSlug}/settings/members`);
    return { status: "ok", message: `Invitation sent again to ${invitation.email}; the earlier link no longer works.` };
  },
);
