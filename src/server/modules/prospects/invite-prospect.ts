import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import type { MentionReplyDto } from "../mentions/inbox-reply.schemas";
import { replyToMention } from "../mentions/inbox/reply-to-mention";
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
 * Records an invitation to the rewards program for a prospect; the record says who was invited,
 * when, and how. With `postAsReply`, it is then posted as the brand's reply under the prospect's
 * latest mention (the inbox's reply, keyed on the invitation so it posts once); otherwise staff
 * copy the text and post it themselves. A reply that fails leaves the invitation recorded and
 * the failed reply visible in the inbox.
 */
export async function inviteProspect(ctx: TenantContext, raw: InviteProspectInput): Promise<{ id: string; text: string; reply: MentionReplyDto | null }> {
  assertCan(ctx, "customers:write");
  const input = ZInviteProspect.parse(raw);
  if (input.postAsReply) assertCan(ctx, "mentions:moderate");
  let latestMentionId = "";
  const recorded = await getDb().$transaction(async (tx) => {
    const prospect = await findProspect(tx, ctx, input);
    latestMentionId = prospect.latestMentionId;
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
      data: { network: input.network, authorExternalId: input.authorExternalId, postAsReply: input.postAsReply },
    });
    return row;
  });
  if (!input.postAsReply) return { ...recorded, reply: null };
  const { reply } = await replyToMention(ctx, { mentionId: latestMentionId, text: input.text, requestKey: `invite-${recorded.id}` });
  return { ...recorded, reply };
}
