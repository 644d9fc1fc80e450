import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { ZFeedbackInboxQuery, ZMarkFeedbackHandled, type FeedbackInboxItem, type FeedbackInboxPage, type FeedbackInboxQuery } from "./feedback.schemas";

export const FEEDBACK_PAGE_SIZE = 20;
const RECENT_MENTIONS_DAYS = 30;
const PREVIOUS_ANSWERS = 5;

/**
 * The staff inbox's Feedback view: detractors' answers (or all answers), newest first, a page at
 * a time, each with what staff need to follow up: the customer's balance and lifetime points,
 * their earlier answers and how many mentions they made lately. Five queries per page, whatever
 * its length.
 */
export async function listFeedback(ctx: TenantContext, raw: FeedbackInboxQuery = {}, now = new Date()): Promise<FeedbackInboxPage> {
  assertCan(ctx, "customers:read");
  const query = ZFeedbackInboxQuery.parse(raw);
  const { tenantId } = ctx;
  const db = getDb();
  const where = { tenantId, ...(query.view === "detractors" ? { npsClass: "DETRACTOR" as const } : {}) };
  const [rows, total, openDetractors] = await Promise.all([
    db.feedbackResponse.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * FEEDBACK_PAGE_SIZE,
      take: FEEDBACK_PAGE_SIZE,
      select: {
        id: true,
        customerId: true,
        score: true,
        npsClass: true,
        comment: true,
        status: true,
        createdAt: true,
        handledAt: true,
        location: { select: { name: true } },
        customer: { select: { displayName: true, erasedAt: true, pointBalance: { select: { balance: true, lifetimeEarned: true } } } },
      },
    }),
    db.feedbackResponse.count({ where }),
    db.feedbackResponse.count({ where: { tenantId, npsClass: "DETRACTOR", status: "OPEN" } }),
  ]);
  const customerIds = [...new Set(rows.map((r) => r.customerId))];
  const [answers, mentions] = customerIds.length
    ? await Promise.all([
        db.feedbackResponse.findMany({
          where: { tenantId, customerId: { in: customerIds }, createdAt: { lte: rows[0]!.createdAt } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          // Enough for every row's previous answers under the 10-minute rule's spacing.
          take: customerIds.length * (FEEDBACK_PAGE_SIZE + PREVIOUS_ANSWERS),
          select: { id: true, customerId: true, score: true, npsClass: true, createdAt: true },
        }),
        db.mention.groupBy({
          by: ["customerId"],
          where: {
            tenantId,
            customerId: { in: customerIds },
            status: { not: "DELETED" },
            postedAt: { gte: new Date(now.getTime() - RECENT_MENTIONS_DAYS * 86_400_000) },
          },
          _count: { _all: true },
        }),
      ])
    : [[], []];
  const mentionCount = new Map(mentions.map((m) => [m.customerId, m._count._all]));
  const items: FeedbackInboxItem[] = rows.map((row) => ({
    id: row.id,
    score: row.score,
    npsClass: row.npsClass,
    comment: row.comment,
    location: row.location?.name ?? null,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    handledAt: row.handledAt?.toISOString() ?? null,
    customer: {
      id: row.customerId,
      displayName: row.customer.displayName,
      erased: row.customer.erasedAt !== null,
      balance: row.customer.pointBalance?.balance ?? 0,
      lifetimeEarned: row.customer.pointBalance?.lifetimeEarned ?? 0,
      recentMentions: mentionCount.get(row.customerId) ?? 0,
      previousAnswers: answers
        .filter((a) => a.customerId === row.customerId && (a.createdAt < row.createdAt || (a.createdAt.getTime() === row.createdAt.getTime() && a.id < row.id)))
        .slice(0, PREVIOUS_ANSWERS)
        .map((a) => ({ score: a.score, npsClass: a.npsClass, createdAt: a.createdAt.toISOString() })),
    },
  }));
  return { items, total, page: query.page, pageSize: FEEDBACK_PAGE_SIZE, openDetractors };
}

/** Marks an answer handled (once; a second click says so), with who did it and the audit entry. */
export async function markFeedbackHandled(ctx: TenantContext, raw: unknown, now = new Date()): Promise<{ status: "handled" | "already" }> {
  assertCan(ctx, "customers:write");
  const { id } = ZMarkFeedbackHandled.parse(raw);
  return getDb().$transaction(async (tx) => {
    const moved = await tx.feedbackResponse.updateManyAndReturn({
      where: { tenantId: ctx.tenantId, id, status: "OPEN" },
      data: { status: "HANDLED", handledAt: now, handledById: ctx.actor.type === "USER" ? ctx.actor.id : null },
      select: { id: true, customerId: true, npsClass: true },
    });
    const row = moved[0];
    if (!row) {
      const exists = await tx.feedbackResponse.findFirst({ where: { tenantId: ctx.tenantId, id }, select: { id: true } });
      if (!exists) throw AppError.notFound("feedback answer");
      return { status: "already" as const };
    }
    await writeAudit(tx, ctx, {
      action: "feedback.handled",
      targetType: "FeedbackResponse",
      targetId: row.id,
      data: { customerId: row.customerId, npsClass: row.npsClass },
    });
    return { status: "handled" as const };
  });
}

/** The inbox's summary: open detractor answers and all answers. */
export async function feedbackInboxCounts(ctx: TenantContext): Promise<{ openDetractors: number; total: number }> {
  assertCan(ctx, "customers:read");
  const [openDetractors, total] = await Promise.all([
    getDb().feedbackResponse.count({ where: { tenantId: ctx.tenantId, npsClass: "DETRACTOR", status: "OPEN" } }),
    getDb().feedbackResponse.count({ where: { tenantId: ctx.tenantId } }),
  ]);
  return { openDetractors, total };
}
