import { ROLE_RANK } from "../../auth/permissions";
import { endAllStaffSessions } from "../../auth/staff-sessions";
import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import type { Role } from "../../db/generated/enums";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { ZChangeMemberRole, ZRemoveMember, type ChangeMemberRoleInput, type RemoveMemberInput } from "./member.schemas";

interface Target {
  id: string;
  userId: string;
  role: Role;
}

/**
 * The rules both changes share, decided inside one transaction that holds the tenant row, so two
 * owners demoting each other at once cannot leave a brand without one. The actor's role is read
 * again here (it may have changed since the page was drawn), and nobody acts on themselves, on
 * someone ranked above them, or grants more than they hold.
 */
async function lockAndLoad(tx: DbTx, ctx: TenantContext, memberId: string): Promise<{ actorRole: Role; target: Target }> {
  // no-tenant-data: locks the context's own Tenant row (platform table, keyed by the tenant id)
  await tx.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${ctx.tenantId} FOR UPDATE`;
  const actor = ctx.actor.id
    ? await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId: ctx.actor.id } }, select: { role: true } })
    : null;
  if (!actor) throw AppError.notFound("tenant");
  assertCan({ ...ctx, role: actor.role }, "members:manage");
  const target = await tx.membership.findFirst({ where: { tenantId: ctx.tenantId, id: memberId }, select: { id: true, userId: true, role: true } });
  if (!target) throw AppError.notFound("member");
  if (target.userId === ctx.actor.id) throw new AppError("FORBIDDEN", "you cannot change your own membership; ask another owner or admin");
  if (ROLE_RANK[target.role] > ROLE_RANK[actor.role]) {
    throw new AppError("FORBIDDEN", `a ${actor.role.toLowerCase()} cannot change an ${target.role.toLowerCase()}`);
  }
  return { actorRole: actor.role, target };
}

async function assertAnotherOwnerRemains(tx: DbTx, ctx: TenantContext, target: Target): Promise<void> {
  if (target.role !== "OWNER") return;
  const owners = await tx.membership.count({ where: { tenantId: ctx.tenantId, role: "OWNER", NOT: { id: target.id } } });
  if (owners === 0) throw new AppError("CONFLICT", "a brand always needs an owner; make someone else owner first");
}

/**
 * Changes a member's role. The person's sessions end (every device, every brand: a session
 * belongs to a person, not a brand), so nothing they opened under the old role keeps working;
 * they sign in again and get the new role. Guards re-read the role on every request as well.
 */
export async function changeMemberRole(ctx: TenantContext, raw: ChangeMemberRoleInput): Promise<{ role: Role; changed: boolean }> {
  assertCan(ctx, "members:manage");
  const input = ZChangeMemberRole.parse(raw);
  return getDb().$transaction(async (tx) => {
    const { actorRole, target } = await lockAndLoad(tx, ctx, input.memberId);
    if (ROLE_RANK[input.role] > ROLE_RANK[actorRole]) {
      throw new AppError("FORBIDDEN", `a ${actorRole.toLowerCase()} cannot make someone ${input.role.toLowerCase()}`, {
        issues: [{ path: "role", message: "above your own role" }],
      });
    }
    if (input.role === target.role) return { role: target.role, changed: false };
    if (input.role !== "OWNER") await assertAnotherOwnerRemains(tx, ctx, target);
    await tx.membership.update({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId: target.userId } }, data: { role: input.role } });
    const ended = await endAllStaffSessions(target.userId, "membership-changed", { tx });
    await writeAudit(tx, ctx, {
      action: "member.role_changed",
      targetType: "Membership",
      targetId: target.id,
      data: { userId: target.userId, from: target.role, to: input.role, sessionsEnded: ended },
    });
    return { role: input.role, changed: true };
  });
}

/** Removes a member from this brand; they lose it at once and their sessions end. */
export async function removeMember(ctx: TenantContext, raw: RemoveMemberInput): Promise<void> {
  assertCan(ctx, "members:manage");
  const input = ZRemoveMember.parse(raw);
  await getDb().$transaction(async (tx) => {
    const { target } = await lockAndLoad(tx, ctx, input.memberId);
    await assertAnotherOwnerRemains(tx, ctx, target);
    await tx.membership.delete({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId: target.userId } } });
    const ended = await endAllStaffSessions(target.userId, "membership-changed", { tx });
    await writeAudit(tx, ctx, {
      action: "member.removed",
      targetType: "Membership",
      targetId: target.id,
      data: { userId: target.userId, role: target.role, sessionsEnded: ended },
    });
  });
}
