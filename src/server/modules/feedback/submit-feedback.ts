import { assertCustomerActs, type CustomerContext, type TenantScope } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { ZFeedbackAnswer, ZLocationId, type NpsClassName } from "./feedback.schemas";
import { npsClassOf } from "./nps-class";

/** One answer per customer per 10 minutes: enough to fix a slip, not enough to flood the staff inbox. */
export const FEEDBACK_INTERVAL_MS = 10 * 60_000;

export interface FeedbackAnswered {
  id: string;
  score: number;
  npsClass: NpsClassName;
}

export interface FeedbackLocation {
  id: string;
  name: string;
}

/** The brand's locations, for the form's "where were you" choice (names are the brand's text). */
export async function feedbackLocations(scope: TenantScope): Promise<FeedbackLocation[]> {
  return getDb().location.findMany({ where: { tenantId: scope.tenantId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** The location a printed link names, if it is one of this brand's (anything else is ignored, not an error). */
export async function feedbackLocationOf(scope: TenantScope, raw: unknown): Promise<FeedbackLocation | null> {
  const id = ZLocationId.safeParse(raw);
  if (!id.success) return null;
  return getDb().location.findFirst({ where: { tenantId: scope.tenantId, id: id.data }, select: { id: true, name: true } });
}

/**
 * Stores one answer and makes it the customer's NPS class, with its audit entry, in one
 * transaction. The customer's row is locked first, so two answers sent at once are judged one
 * after the other by the 10-minute rule and the class always follows the latest stored answer.
 */
export async function submitFeedback(cctx: CustomerContext, raw: unknown, now = new Date()): Promise<FeedbackAnswered> {
  assertCustomerActs(cctx);
  const input = ZFeedbackAnswer.parse(raw);
  const { tenantId, customerId } = cctx;
  const npsClass = npsClassOf(input.score);
  return getDb().$transaction(async (tx) => {
    const live = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Customer" WHERE "tenantId" = ${tenantId} AND id = ${customerId} AND "erasedAt" IS NULL AND "mergedIntoId" IS NULL FOR NO KEY UPDATE`;
    if (live.length === 0) throw AppError.notFound("customer");
    const last = await tx.feedbackResponse.findFirst({ where: { tenantId, customerId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    const waitMs = last ? last.createdAt.getTime() + FEEDBACK_INTERVAL_MS - now.getTime() : 0;
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      throw new AppError(
        "RATE_LIMITED",
        `thanks, we already have your answer from a few minutes ago; you can answer again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
        {
          retryAfterSeconds: Math.ceil(waitMs / 1000),
        },
      );
    }
    if (input.locationId && !(await tx.location.findFirst({ where: { tenantId, id: input.locationId }, select: { id: true } }))) {
      throw new AppError("VALIDATION_FAILED", "choose one of the brand's locations", {
        issues: [{ path: "locationId", message: "choose one of the brand's locations" }],
      });
    }
    const row = await tx.feedbackResponse.create({
      data: { tenantId, customerId, score: input.score, npsClass, comment: input.comment, locationId: input.locationId, createdAt: now },
      select: { id: true },
    });
    await tx.customer.updateMany({ where: { tenantId, id: customerId }, data: { npsClass } });
    // The comment stays out of the audit log: it is the customer's own words, erased with them.
    await writeAudit(tx, cctx, {
      action: "feedback.answered",
      targetType: "FeedbackResponse",
      targetId: row.id,
      data: { score: input.score, npsClass, locationId: input.locationId, withComment: input.comment !== null },
    });
    return { id: row.id, score: input.score, npsClass };
  });
}
