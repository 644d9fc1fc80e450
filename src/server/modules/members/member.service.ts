import { hashPassword } from "../../auth/password";
import { ROLE_RANK } from "../../auth/permissions";
import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../db/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { queueMail } from "../mail/mail.service";
import { invitationMail } from "../mail/templates/staff-mail";
import { consumeLimits } from "../../abuse-limits";
import { invitationLimitChecks } from "./invitation-limits";
import { hashInvitationToken, newInvitationToken } from "./invitation-token";
import { mailSafeName } from "./mail-safe-name";
import { ZAcceptInviteNewUser, ZInviteMember, type InvitationDto, type InviteMemberInput, type MemberDto } from "./member.schemas";

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export async function listMembers(ctx: TenantContext): Promise<MemberDto[]> {
  assertCan(ctx, "members:read");
  const rows = await getDb().membership.findMany({
    where: { tenantId: ctx.tenantId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    userId: r.user.id,
    name: r.user.name,
    email: r.user.email,
    role: r.role,
    joinedAt: r.createdAt.toISOString(),
  }));
}

export async function listPendingInvitations(ctx: TenantContext): Promise<InvitationDto[]> {
  assertCan(ctx, "members:read");
  const rows = await getDb().invitation.findMany({
    where: { tenantId: ctx.tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * Invites someone by email with a role no higher than the inviter's. The email goes out
 * through the worker (mail.send job); the invitation row is the source of truth. Burst and
 * daily limits per client IP, inviting account and brand keep it from being a spam relay.
 */
export async function inviteMember(ctx: TenantContext, raw: InviteMemberInput, source: { ip?: string } = {}): Promise<InvitationDto> {
  assertCan(ctx, "members:invite");
  const input = ZInviteMember.parse(raw);
  if (ROLE_RANK[input.role] > ROLE_RANK[ctx.role]) {
    throw new AppError("FORBIDDEN", `a ${ctx.role.toLowerCase()} cannot invite an ${input.role.toLowerCase()}`);
  }
  const db = getDb();
  const already = await db.membership.findFirst({
    where: { tenantId: ctx.tenantId, user: { email: input.email } },
    select: { id: true },
  });
  if (already) {
    throw new AppError("CONFLICT", "this person is already a member", { issues: [{ path: "email", message: "already a member" }] });
  }
  await consumeLimits(invitationLimitChecks(ctx, { ip: source.ip }));
  const { token, tokenHash } = newInvitationToken();
  const { invitation, tenantName } = await db.$transaction(async (tx) => {
    // A newer invite replaces any pending one for the same address.
    await tx.invitation.updateMany({
      where: { tenantId: ctx.tenantId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invitation = await tx.invitation.create({
      data: {
        tenantId: ctx.tenantId,
        email: input.email,
        role: input.role,
        tokenHash,
        invitedById: ctx.actor.id ?? "system",
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
    });
    await writeAudit(tx, ctx, { action: "member.invited", targetType: "Invitation", targetId: invitation.id, data: { email: input.email, role: input.role } });
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { name: true } });
    return { invitation, tenantName: tenant.name };
  });
  const link = new URL(`/invite/${token}`, getEnv().APP_URL).toString();
  // The brand name is whatever its owner typed: shown defanged, so our email carries one link.
  const brand = mailSafeName(tenantName);
  await queueMail({
    to: input.email,
    ...invitationMail({ brand, role: input.role, link }),
    dedupeKey: `invite:${invitation.id}`,
    secrets: [link],
  });
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}

export interface InvitationPreview {
  email: string;
  role: MemberDto["role"];
  tenantName: string;
  tenantSlug: string;
  accountExists: boolean;
}

/** Looks an invitation up by its emailed token (the token is the credential: no tenant yet). */
export async function previewInvitation(token: string): Promise<InvitationPreview> {
  const db = unsafeCrossTenantDb();
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { tenant: { select: { name: true, slug: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
    throw new AppError("NOT_FOUND", "this invitation is no longer valid; ask for a new one");
  }
  const user = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    email: invitation.email,
    role: invitation.role,
    tenantName: invitation.tenant.name,
    tenantSlug: invitation.tenant.slug,
    accountExists: Boolean(user),
  };
}

/**
 * Accepts an invitation. A signed-in user whose email matches joins directly; someone without
 * an account creates one with the invited email. Single use: the row is claimed atomically.
 */
export async function acceptInvitation(
  token: string,
  who: { signedInUserId: string } | { name: string; password: string },
): Promise<{ userId: string; tenantSlug: string }> {
  const db = unsafeCrossTenantDb();
  const preview = await previewInvitation(token);
  let newUser: { name: string; passwordHash: string } | null = null;
  if (!("signedInUserId" in who)) {
    if (preview.accountExists) throw new AppError("CONFLICT", "an account with this email exists: sign in to accept");
    const input = ZAcceptInviteNewUser.parse({ token, ...who });
    newUser = { name: input.name, passwordHash: await hashPassword(input.password) };
  }
  return db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateManyAndReturn({
      where: { tokenHash: hashInvitationToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    const invitation = claimed[0];
    if (!invitation) throw new AppError("NOT_FOUND", "this invitation is no longer valid; ask for a new one");
    let userId: string;
    if ("signedInUserId" in who) {
      const user = await tx.user.findUniqueOrThrow({ where: { id: who.signedInUserId }, select: { id: true, email: true } });
      if (user.email !== invitation.email) {
        throw new AppError("FORBIDDEN", `this invitation is for ${invitation.email}; sign in with that account`);
      }
      userId = user.id;
    } else {
      const user = await tx.user.create({ data: { email: invitation.email, ...newUser! } });
      userId = user.id;
    }
    await tx.membership.upsert({
      where: { tenantId_userId: { tenantId: invitation.tenantId, userId } },
      create: { tenantId: invitation.tenantId, userId, role: invitation.role },
      update: {},
    });
    await tx.user.update({ where: { id: userId }, data: { lastTenantId: invitation.tenantId } });
    await tx.auditLog.create({
      data: { tenantId: invitation.tenantId, actorType: "USER", actorId: userId, action: "member.joined", targetType: "Invitation", targetId: invitation.id },
    });
    return { userId, tenantSlug: preview.tenantSlug };
  });
}
