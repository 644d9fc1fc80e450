import { z } from "zod";
import { ZPassword } from "../tenants/tenant.schemas";

export const ROLES = ["OWNER", "ADMIN", "MARKETER", "VIEWER"] as const;

export const ZInviteMember = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email("must be a valid email address").max(254)),
  role: z.enum(ROLES, { message: "choose a role" }),
});
export type InviteMemberInput = z.input<typeof ZInviteMember>;

export const ZAcceptInviteNewUser = z.strictObject({
  token: z.string().min(20).max(200),
  name: z.string().trim().min(1, "your name is required").max(120),
  password: ZPassword,
});

export interface MemberDto {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: (typeof ROLES)[number];
  joinedAt: string;
}

export interface InvitationDto {
  id: string;
  email: string;
  role: (typeof ROLES)[number];
  expiresAt: string;
  createdAt: string;
}

const ZMembershipId = z
  .string()
  .trim()
  .min(1, "choose a member")
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "not a member id");

export const ZChangeMemberRole = z.strictObject({
  memberId: ZMembershipId,
  role: z.enum(ROLES, { message: "choose a role" }),
});
export type ChangeMemberRoleInput = z.input<typeof ZChangeMemberRole>;

export const ZRemoveMember = z.strictObject({ memberId: ZMembershipId });
export type RemoveMemberInput = z.input<typeof ZRemoveMember>;

export const ZInvitationId = z.string().regex(/^inv_[0-9a-f]{32}$/, "not an invitation id");
export const ZInvitationAction = z.strictObject({ invitationId: ZInvitationId });
export type InvitationActionInput = z.input<typeof ZInvitationAction>;
