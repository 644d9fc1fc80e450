import { ROLE_RANK } from "../../auth/permissions";
import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type Db, type DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { inviteMember } from "./member.service";
import { ZInvitationAction, type InvitationActionInput, type InvitationDto } from "./member.schemas";

/** A pending invitation of this brand (not accepted, revoked or expired); another brand's answers NOT_FOUND. */
async function pendingInvitation(db: Db | DbTx, ctx: TenantContext, invitationId: string) {
  const invitation = await db.invitation.findFirst({
    where: { tenantId: ctx.tenantId, id: invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true },
  });
  if (!invitation) throw AppError.notFound("invitation");
  // The same rule as inviting: nobody touches an invitation for a role above their own.
  if (ROLE_RANK[invitation.role] > ROLE_RANK[ctx.role]) {
    throw new AppError("FORBIDDEN", `a ${ctx.role.toLowerCase()} cannot manage an invitation for an ${invitation.role.toLowerCase()}`);
  }
  return invitation;
}

/** Revokes a pending invitation: its link stops working at once. */
export async function revokeInvitation(ctx: TenantContext, raw: InvitationActionInput): Promise<{ email: string }> {
  assertCan(ctx, "members:invite");
  const input = ZInvitationAction.parse(raw);
  return getDb().$transaction(async (tx) => {
    const invitation = await pendingInvitation(tx, ctx, input.invitationId);
    // Conditional on still pending, so a race with its acceptance revokes nothing that was used.
    const revoked = await tx.invitation.updateMany({
      where: { tenantId: ctx.tenantId, id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count === 0) throw AppError.notFound("invitation");
    await writeAudit(tx, ctx, { action: "member.invitation_revoked", targetType: "Invitation", targetId: invitation.id, data: { email: invitation.email } });
    return { email: invitation.email };
  });
}

/**
 * Sends a pending invitation again: a new link with a fresh week, the old link revoked (inviting
 * the same address replaces its pending invitation), under the same abuse limits as inviting.
 * The request's address is asked for only once the invitation is known to be this brand's, so a
 * foreign or stale id is refused before anything about the request is read.
 */
export async function resendInvitation(
  ctx: TenantContext,
  raw: InvitationActionInput,
  readSource: () => Promise<{ ip?: string }> = () => Promise.resolve({}),
): Promise<InvitationDto> {
  assertCan(ctx, "members:invite");
  const input = ZInvitationAction.parse(raw);
  const invitation = await pendingInvitation(getDb(), ctx, input.invitationId);
  return inviteMember(ctx, { email: invitation.email, role: invitation.role }, await readSource());
}
