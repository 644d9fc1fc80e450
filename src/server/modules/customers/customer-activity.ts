import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { networkLabel } from "../../social/provider-registry";
import { safePostUrl } from "../mentions/safe-post-url";
import { CUSTOMER_360_LIST_LIMIT, type AuditLine, type ConsentLine, type FeedbackLine, type MentionLine, type RedemptionLine } from "./customer-360.schemas";

const take = CUSTOMER_360_LIST_LIMIT;

/** The customer's newest mentions with the net points each paid (awards less reversals), and how many there are in all. */
export async function customerMentions(ctx: TenantContext, customerId: string): Promise<{ lines: MentionLine[]; total: number }> {
  assertCan(ctx, "mentions:read");
  const { tenantId } = ctx;
  const db = getDb();
  const where = { tenantId, customerId };
  const [rows, total] = await Promise.all([
    db.mention.findMany({
      where,
      orderBy: [{ postedAt: "desc" }, { id: "desc" }],
      take,
      select: { id: true, network: true, authorHandle: true, text: true, url: true, postedAt: true, status: true, sentimentLabel: true },
    }),
    db.mention.count({ where }),
  ]);
  const sums = rows.length
    ? await db.ledgerEntry.groupBy({ by: ["mentionId"], where: { tenantId, customerId, mentionId: { in: rows.map((r) => r.id) } }, _sum: { amount: true } })
    : [];
  const points = new Map(sums.map((s) => [s.mentionId, s._sum.amount ?? 0]));
  return {
    total,
    lines: rows.map((m) => ({
      id: m.id,
      network: m.network,
      handle: m.authorHandle,
      text: m.text,
      url: safePostUrl(m.url),
      postedAt: m.postedAt.toISOString(),
      status: m.status,
      sentimentLabel: m.sentimentLabel,
      points: points.get(m.id) ?? 0,
    })),
  };
}

export async function customerRedemptions(ctx: TenantContext, customerId: string): Promise<RedemptionLine[]> {
  assertCan(ctx, "ledger:read");
  const rows = await getDb().redemption.findMany({
    where: { tenantId: ctx.tenantId, customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, cost: true, status: true, createdAt: true, reward: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, rewardName: r.reward.name, cost: r.cost, status: r.status, createdAt: r.createdAt.toISOString() }));
}

/** Every consent record, newest first: the evidence of what the customer granted and withdrew. */
export async function customerConsents(ctx: TenantContext, customerId: string): Promise<ConsentLine[]> {
  assertCan(ctx, "customers:read");
  const rows = await getDb().consentRecord.findMany({
    where: { tenantId: ctx.tenantId, customerId },
    orderBy: [{ grantedAt: "desc" }, { id: "desc" }],
    take: 50,
    select: {
      id: true,
      network: true,
      allowPosting: true,
      scopes: true,
      policyVersion: true,
      grantedAt: true,
      revokedAt: true,
      socialProfile: { select: { handle: true, network: true } },
    },
  });
  return rows.map((c) => {
    const network = c.socialProfile?.network ?? c.network;
    const account = c.socialProfile ? `@${c.socialProfile.handle}` : null;
    return {
      id: c.id,
      account: account && network ? `${account} on ${networkLabel(network)}` : network ? networkLabel(network) : null,
      allowPosting: c.allowPosting,
      scopes: c.scopes,
      policyVersion: c.policyVersion,
      grantedAt: c.grantedAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
    };
  });
}

/** The customer's NPS answers, newest first. */
export async function customerFeedback(ctx: TenantContext, customerId: string): Promise<FeedbackLine[]> {
  assertCan(ctx, "customers:read");
  const rows = await getDb().feedbackResponse.findMany({
    where: { tenantId: ctx.tenantId, customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, score: true, npsClass: true, comment: true, status: true, createdAt: true, location: { select: { name: true } } },
  });
  return rows.map((f) => ({
    id: f.id,
    score: f.score,
    npsClass: f.npsClass,
    comment: f.comment,
    location: f.location?.name ?? null,
    status: f.status,
    createdAt: f.createdAt.toISOString(),
  }));
}

const AUDIT_DETAIL_KEYS = ["reason", "amount", "network", "atNetwork", "fields", "score"] as const;

function auditDetails(data: Prisma.JsonValue): string | null {
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const parts: string[] = [];
  for (const key of AUDIT_DETAIL_KEYS) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    parts.push(`${key}: ${Array.isArray(value) ? value.join(", ") : typeof value === "object" ? JSON.stringify(value) : String(value)}`);
  }
  return parts.length ? parts.join("; ") : null;
}

/**
 * The audit entries about this customer: those naming the customer, and those naming their
 * redemptions, feedback answers and linked accounts. Newest first; actors by name when they are
 * still members (a removed member's id is not shown).
 */
export async function customerAuditTrail(
  ctx: TenantContext,
  customerId: string,
  related: { redemptionIds: string[]; feedbackIds: string[]; profileIds: string[] },
): Promise<AuditLine[]> {
  assertCan(ctx, "customers:read");
  const { tenantId } = ctx;
  const db = getDb();
  const rows = await db.auditLog.findMany({
    where: {
      tenantId,
      OR: [
        { targetType: "Customer", targetId: customerId },
        { targetType: "Redemption", targetId: { in: related.redemptionIds } },
        { targetType: "FeedbackResponse", targetId: { in: related.feedbackIds } },
        { targetType: "SocialProfile", targetId: { in: related.profileIds } },
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 30,
    select: { id: true, action: true, actorType: true, actorId: true, createdAt: true, data: true },
  });
  const userIds = [...new Set(rows.filter((r) => r.actorType === "USER" && r.actorId).map((r) => r.actorId!))];
  const members = userIds.length
    ? await db.membership.findMany({ where: { tenantId, userId: { in: userIds } }, select: { userId: true, user: { select: { name: true, email: true } } } })
    : [];
  const names = new Map(members.map((m) => [m.userId, m.user.name?.trim() || m.user.email]));
  const actorOf = (r: (typeof rows)[number]): string => {
    switch (r.actorType) {
      case "USER":
        return (r.actorId && names.get(r.actorId)) ?? "a former member";
      case "CUSTOMER":
        return "the customer";
      case "API_KEY":
        return "an API key";
      case "SYSTEM":
        return "the system";
      default: {
        const unreachable: never = r.actorType;
        return String(unreachable);
      }
    }
  };
  return rows.map((r) => ({ id: r.id, action: r.action, actor: actorOf(r), createdAt: r.createdAt.toISOString(), details: auditDetails(r.data) }));
}
