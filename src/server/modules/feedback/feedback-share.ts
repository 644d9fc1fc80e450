import { assertCustomerActs, systemContext, type CustomerContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import type { Network } from "../../db/generated/enums";
import { AppError } from "../../errors";
import { enqueueSharePosts } from "../../pipeline/sharing/queue-shares";
import { networkLabel, shareRulesFor } from "../../social/provider-registry";
import { writeAudit } from "../audit/audit.service";
import { findSharingProfiles } from "../sharing/share-eligibility";
import { ZFeedbackShare } from "./feedback.schemas";

/** What the answer page offers a customer after answering. Only a promoter is ever offered to share. */
export type FeedbackShareOffer =
  | { kind: "none" }
  | { kind: "link-first" }
  | { kind: "shared"; status: "PENDING" | "POSTED" | "FAILED" }
  | { kind: "recently-shared"; days: number }
  | { kind: "share"; networkLabel: string; handle: string; maxLength: number | null; text: string; points: number };

/** The post as first offered; the customer may change it. The brand's name is its own text (shown escaped, posted as text). */
export function defaultFeedbackPost(brandName: string, score: number): string {
  const brand = [...brandName.replace(/\s+/g, " ").trim()].slice(0, 100).join("");
  return `I'd give ${brand} a ${score} out of 10. If you haven't tried ${brand} yet, you should!`;
}

/**
 * One shared answer per customer in this many days: a promoter may answer every ten minutes, and
 * each share would otherwise be paid again by the SHARE rule.
 */
export const FEEDBACK_SHARE_EVERY_DAYS = 30;

/** Whether the customer shared another answer within FEEDBACK_SHARE_EVERY_DAYS of `now`. */
async function sharedAnotherAnswerRecently(tx: DbTx, cctx: CustomerContext, responseId: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - FEEDBACK_SHARE_EVERY_DAYS * 86_400_000);
  const recent = await tx.sharePost.count({
    where: { tenantId: cctx.tenantId, customerId: cctx.customerId, feedbackResponseId: { not: null, notIn: [responseId] }, createdAt: { gte: since } },
  });
  return recent > 0;
}

async function answerOf(cctx: CustomerContext, responseId: string) {
  const answer = await getDb().feedbackResponse.findFirst({
    where: { tenantId: cctx.tenantId, id: responseId, customerId: cctx.customerId },
    select: { id: true, score: true, npsClass: true, sharePost: { select: { status: true } } },
  });
  if (!answer) throw AppError.notFound("feedback answer");
  return answer;
}

/** Points the enabled SHARE rules of the network pay at least (their base points; followers may add more). */
async function sharePoints(cctx: CustomerContext, network: Network): Promise<number> {
  const rules = await getDb().pointRule.findMany({ where: { tenantId: cctx.tenantId, network, action: "SHARE", enabled: true }, select: { basePoints: true } });
  return rules.reduce((sum, rule) => sum + rule.basePoints, 0);
}

export async function feedbackShareOffer(cctx: CustomerContext, responseId: string, now = new Date()): Promise<FeedbackShareOffer> {
  const answer = await answerOf(cctx, responseId);
  if (answer.npsClass !== "PROMOTER") return { kind: "none" };
  if (answer.sharePost) return { kind: "shared", status: answer.sharePost.status };
  if (await sharedAnotherAnswerRecently(getDb(), cctx, answer.id, now)) return { kind: "recently-shared", days: FEEDBACK_SHARE_EVERY_DAYS };
  const ctx = systemContext(cctx.tenantId, cctx.tenantSlug);
  const profile = (await findSharingProfiles(getDb(), ctx, [cctx.customerId])).get(cctx.customerId);
  if (!profile) return { kind: "link-first" };
  const [row, tenant, points] = await Promise.all([
    getDb().socialProfile.findFirst({ where: { tenantId: cctx.tenantId, id: profile.profileId }, select: { handle: true } }),
    getDb().tenant.findUnique({ where: { id: cctx.tenantId }, select: { name: true } }),
    sharePoints(cctx, profile.network),
  ]);
  return {
    kind: "share",
    networkLabel: networkLabel(profile.network),
    handle: row?.handle ?? "",
    maxLength: shareRulesFor(profile.network).maxLength,
    text: defaultFeedbackPost(tenant?.name ?? "", answer.score),
    points,
  };
}

/**
 * A promoter shares their answer: one PENDING SharePost with their text through the profile the
 * sharing pipeline would post through (linked, ACTIVE, posting consent), then the existing
 * `share.post-award` job posts it and the brand's SHARE rules pay through the ledger once the post
 * exists (share-posts.ts: recordSharePosted). One share per answer (unique key); a lost job is
 * re-queued by the share sweeper, so nothing stays half done.
 */
export async function shareFeedback(cctx: CustomerContext, raw: unknown, now = new Date()): Promise<{ sharePostId: string }> {
  assertCustomerActs(cctx);
  const input = ZFeedbackShare.parse(raw);
  const ctx = systemContext(cctx.tenantId, cctx.tenantSlug);
  const id = await getDb().$transaction(async (tx) => {
    const answer = await tx.feedbackResponse.findFirst({
      where: { tenantId: cctx.tenantId, id: input.responseId, customerId: cctx.customerId },
      select: { id: true, npsClass: true },
    });
    if (!answer) throw AppError.notFound("feedback answer");
    if (answer.npsClass !== "PROMOTER") throw new AppError("FORBIDDEN", "only an answer of 9 or 10 can be shared");
    // Serialised per customer, so two answers shared at once cannot both pass the check below.
    await tx.$executeRaw`SELECT 1 FROM "Customer" WHERE "tenantId" = ${cctx.tenantId} AND id = ${cctx.customerId} FOR NO KEY UPDATE`;
    if (await sharedAnotherAnswerRecently(tx, cctx, answer.id, now)) {
      throw new AppError("CONFLICT", `you already shared an answer in the last ${FEEDBACK_SHARE_EVERY_DAYS} days; thank you!`);
    }
    const profile = (await findSharingProfiles(tx, ctx, [cctx.customerId])).get(cctx.customerId);
    if (!profile) throw new AppError("CONFLICT", "link your X account and allow posting first");
    const max = shareRulesFor(profile.network).maxLength;
    if (max !== null && [...input.text].length > max) {
      throw new AppError("VALIDATION_FAILED", `at most ${max} characters`, { issues: [{ path: "text", message: `at most ${max} characters` }] });
    }
    const created = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "SharePost" ("tenantId", "customerId", "socialProfileId", "feedbackResponseId", text, "createdAt", "updatedAt")
      VALUES (${cctx.tenantId}, ${cctx.customerId}, ${profile.profileId}, ${answer.id}, ${input.text}, ${now}, ${now})
      ON CONFLICT ("tenantId", "feedbackResponseId") DO NOTHING
      RETURNING id`;
    const shareId = created[0]?.id;
    if (!shareId) throw new AppError("CONFLICT", "this answer is already shared");
    await writeAudit(tx, cctx, {
      action: "feedback.shared",
      targetType: "SharePost",
      targetId: shareId,
      data: { feedbackResponseId: answer.id, network: profile.network },
    });
    return shareId;
  });
  await enqueueSharePosts(ctx, [id]);
  return { sharePostId: id };
}
