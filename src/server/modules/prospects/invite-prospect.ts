import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import { writeAudit } from "../audit/audit.service";
import { findProspect } from "./find-prospect";
import { ZInviteProspect, type InviteProspectInput } from "./prospect.schemas";

/** The rewards portal's address, what every invitation points to. */
export function portalLink(tenantSlug: string): string {
  return new URL(`/r/${encodeURIComponent(tenantSlug)}`, getEnv().APP_URL).toString();
}

/** The starting text of an invitation; staff edit it before recording. */
export function defaultInvitationText(handle: string, tenantSlug: string): string {
  return `Hi @${handle}, thanks for the shout-out! Join our rewards program and earn points for posts like this one: ${portalLink(tenantSlug)}`;
}

/**
 * Records an invitation to the rewards program for a prospect. Nothing is sent: the code has no
 * reply-as-brand facility (providers only read posts and share on a linked customer's behalf),
 * so staff copy the text and post it themselves; the record says who was invited, when, and how.
 */
export async function inviteProspect(ctx: TenantContext, raw: InviteProspectInput): Promise<{ id: string; text: string }> {
  assertCan(ctx, "customers:write");
  const input = ZInviteProspect.parse(raw);
  return getDb().$transaction(async (tx) => {
    const prospect = await findProspect(tx, ctx, input);
    const row = await tx.prospectInvitation.create({
      data: {
        tenantId: ctx.tenantId,
        network: input.network,
        authorExternalId: input.authorExternalId,
        authorHandle: prospect.handle,
        text: input.text,
        createdById: ctx.actor.type === "USER" ? ctx.actor.id : null,
      },
      select: { id: true, text: true },
    });
    await writeAudit(tx, ctx, {
      action: "prospect.invited",
      targetType: "ProspectInvitation",
      targetId: row.id,
      data: { network: input.network, authorExternalId: input.authorExternalId },
    });
    return row;
  });
}
