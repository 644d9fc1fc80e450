import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { isUniqueViolation } from "../../../db/prisma-errors";
import { AppError } from "../../../errors";
import { getAccountLinking, getProvider } from "../../../social/provider-registry";
import { assertNever } from "../../../social/social-provider";
import { writeAudit } from "../../audit/audit.service";
import { BrandAuthError, getBrandAccessToken, markBrandAccountNeedsReconnect } from "../../brand-accounts/brand-account-tokens";
import { scrubError } from "../../channels/channel-secrets";
import { ZReplyToMention, type MentionReplyDto, type ReplyToMentionInput } from "../inbox-reply.schemas";

export interface ReplyResult {
  reply: MentionReplyDto;
  /** This request key had already been used: nothing was posted again. */
  replayed: boolean;
}

const REPLY_SELECT = {
  id: true,
  mentionId: true,
  text: true,
  asHandle: true,
  status: true,
  error: true,
  externalPostId: true,
  authorUserId: true,
  createdAt: true,
  mention: { select: { network: true } },
} as const;

type ReplyRow = {
  id: string;
  mentionId: string;
  text: string;
  asHandle: string;
  status: "SENDING" | "SENT" | "FAILED";
  error: string | null;
  externalPostId: string | null;
  createdAt: Date;
  mention: { network: "TWITTER" | "FOURSQUARE" };
};

export function toReplyDto(row: ReplyRow, author: string | null): MentionReplyDto {
  return {
    id: row.id,
    mentionId: row.mentionId,
    text: row.text,
    asHandle: row.asHandle,
    status: row.status,
    error: row.error,
    url: row.externalPostId ? getAccountLinking(row.mention.network).postUrl(row.asHandle, row.externalPostId) : null,
    author,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Replies to a mention as the brand's connected account, threaded under the post at the network.
 * The reply is written SENDING before the network is called, then SENT (with the network's post
 * id) or FAILED (with why, secrets scrubbed): nothing is lost when the call fails, and a form sent
 * twice (same request key) posts once. A refused grant marks the brand account NEEDS_RECONNECT;
 * a refused post (duplicate text, deleted parent) fails that reply only.
 */
export async function replyToMention(ctx: TenantContext, raw: ReplyToMentionInput): Promise<ReplyResult> {
  assertCan(ctx, "mentions:moderate");
  const input = ZReplyToMention.parse(raw);
  const db = getDb();
  const authorUserId = ctx.actor.type === "USER" ? ctx.actor.id : null;
  const earlier = await db.mentionReply.findFirst({ where: { tenantId: ctx.tenantId, requestKey: input.requestKey }, select: REPLY_SELECT });
  if (earlier) {
    if (earlier.mentionId !== input.mentionId) throw new AppError("CONFLICT", "the form is stale: reload the page");
    return { reply: toReplyDto(earlier, null), replayed: true };
  }

  const mention = await db.mention.findFirst({
    where: { tenantId: ctx.tenantId, id: input.mentionId },
    select: { id: true, network: true, externalId: true, status: true },
  });
  if (!mention) throw AppError.notFound("mention");
  if (mention.status === "DELETED") throw new AppError("CONFLICT", "the post was deleted at the network: there is nothing to reply under");
  const account = await db.brandSocialAccount.findFirst({
    where: { tenantId: ctx.tenantId, network: mention.network },
    select: { id: true, handle: true, status: true },
  });
  if (!account || account.status === "DISCONNECTED") {
    throw new AppError("CONFLICT", "connect the brand's account in Settings → Channels before replying");
  }
  if (account.status !== "ACTIVE") throw new AppError("CONFLICT", `@${account.handle} needs to be connected again in Settings → Channels before replying`);

  let replyId: string;
  try {
    const created = await db.mentionReply.create({
      data: {
        tenantId: ctx.tenantId,
        mentionId: mention.id,
        brandAccountId: account.id,
        asHandle: account.handle,
        authorUserId,
        requestKey: input.requestKey,
        text: input.text,
      },
      select: { id: true },
    });
    replyId = created.id;
  } catch (error) {
    // The same form sent twice at once: the other request posts it.
    if (!isUniqueViolation(error)) throw error;
    const other = await db.mentionReply.findFirstOrThrow({ where: { tenantId: ctx.tenantId, requestKey: input.requestKey }, select: REPLY_SELECT });
    return { reply: toReplyDto(other, null), replayed: true };
  }

  const provider = getProvider(mention.network);
  let outcome: { ok: true; externalId: string } | { ok: false; error: string; reconnect: boolean };
  let token: string | null = null;
  try {
    token = await getBrandAccessToken(ctx, account.id);
    const posted = await provider.reply({ accessToken: token }, input.text, mention.externalId);
    outcome = { ok: true, externalId: posted.externalId };
  } catch (error) {
    if (error instanceof BrandAuthError) {
      outcome = { ok: false, error: error.kind === "RECONNECT" ? error.message : `the network could not be reached: ${error.message}`, reconnect: false };
    } else {
      const classified = provider.classifyError(error);
      switch (classified.kind) {
        case "RECONNECT":
          outcome = { ok: false, error: `the network refused @${account.handle}'s access: connect it again in Settings → Channels`, reconnect: true };
          break;
        case "REFRESH_TOKEN":
        case "BAD_REQUEST":
        case "CURSOR_EXPIRED":
          outcome = { ok: false, error: classified.message, reconnect: false };
          break;
        case "RATE_LIMITED":
          outcome = { ok: false, error: "the network's posting limit is reached for now: try again later", reconnect: false };
          break;
        case "TRANSIENT":
          outcome = { ok: false, error: "the network did not answer: try again in a moment", reconnect: false };
          break;
        default:
          return assertNever(classified.kind);
      }
    }
  }

  const row = await db.$transaction(async (tx) => {
    if (outcome.ok) {
      await tx.mentionReply.updateMany({
        where: { tenantId: ctx.tenantId, id: replyId },
        data: { status: "SENT", externalPostId: outcome.externalId, sentAt: new Date() },
      });
    } else {
      const message = scrubError(outcome.error, token ? [token] : [], 300);
      await tx.mentionReply.updateMany({ where: { tenantId: ctx.tenantId, id: replyId }, data: { status: "FAILED", error: message } });
      if (outcome.reconnect) await markBrandAccountNeedsReconnect(tx, ctx, account.id, outcome.error, token ? [token] : []);
    }
    await writeAudit(tx, ctx, {
      action: outcome.ok ? "mention.replied" : "mention.reply_failed",
      targetType: "Mention",
      targetId: mention.id,
      data: { replyId, asHandle: account.handle, ...(outcome.ok ? { externalPostId: outcome.externalId } : {}) },
    });
    return tx.mentionReply.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: replyId }, select: REPLY_SELECT });
  });
  return { reply: toReplyDto(row, null), replayed: false };
}

/** The replies under these mentions, oldest first, with the member who wrote each. */
export async function listMentionReplies(ctx: TenantContext, mentionIds: string[]): Promise<Map<string, MentionReplyDto[]>> {
  assertCan(ctx, "mentions:read");
  const byMention = new Map<string, MentionReplyDto[]>();
  if (mentionIds.length === 0) return byMention;
  const rows = await getDb().mentionReply.findMany({
    where: { tenantId: ctx.tenantId, mentionId: { in: mentionIds.slice(0, 200) } },
    select: REPLY_SELECT,
    orderBy: { createdAt: "asc" },
  });
  const userIds = [...new Set(rows.map((r) => r.authorUserId).filter((id): id is string => id !== null))];
  // Through the brand's memberships: a member who left is "a former member", not a name from elsewhere.
  const members = userIds.length
    ? await getDb().membership.findMany({
        where: { tenantId: ctx.tenantId, userId: { in: userIds } },
        select: { userId: true, user: { select: { name: true } } },
      })
    : [];
  const names = new Map(members.map((m) => [m.userId, m.user.name]));
  for (const row of rows) {
    const list = byMention.get(row.mentionId) ?? [];
    list.push(toReplyDto(row, row.authorUserId ? (names.get(row.authorUserId) ?? null) : null));
    byMention.set(row.mentionId, list);
  }
  return byMention;
}
