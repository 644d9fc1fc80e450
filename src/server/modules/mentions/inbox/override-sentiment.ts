import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { AppError } from "../../../errors";
import { writeAudit } from "../../audit/audit.service";
import { DETRACTOR_FROM, PROMOTER_FROM, type SentimentLabel } from "../../scoring/sentiment";
import { ZOverrideSentiment, type OverrideSentimentInput } from "./inbox.schemas";

/**
 * The score an overridden mention carries: inside its label's band (sentiment.ts), so the
 * customer's sentiment, a mean of their mentions' scores, moves with what staff decided.
 */
const OVERRIDE_SCORE: Record<SentimentLabel, number> = { PROMOTER: Math.max(0.5, PROMOTER_FROM), PASSIVE: 0, DETRACTOR: Math.min(-0.5, DETRACTOR_FROM) };

/**
 * Staff correct a mention's sentiment (the model misread irony, say). The model's own score and
 * label are kept beside it the first time, so the override can be seen and undone (choosing the
 * model's label again restores its score). Points already paid stay as they are: a disqualify or
 * a bonus changes those. Bumps updatedAt, so the customer-sentiment job recounts the author.
 */
export async function overrideMentionSentiment(ctx: TenantContext, raw: OverrideSentimentInput): Promise<{ changed: boolean }> {
  assertCan(ctx, "mentions:moderate");
  const input = ZOverrideSentiment.parse(raw);
  return getDb().$transaction(async (tx) => {
    const mention = await tx.mention.findFirst({
      where: { tenantId: ctx.tenantId, id: input.mentionId },
      select: { id: true, sentimentLabel: true, sentimentScore: true, sentimentModelLabel: true, sentimentModelScore: true, sentimentOverriddenAt: true },
    });
    if (!mention) throw AppError.notFound("mention");
    if (mention.sentimentLabel === input.sentiment) return { changed: false };
    const modelLabel = mention.sentimentOverriddenAt ? mention.sentimentModelLabel : mention.sentimentLabel;
    const modelScore = mention.sentimentOverriddenAt ? mention.sentimentModelScore : mention.sentimentScore;
    const backToModel = modelLabel === input.sentiment && modelScore !== null;
    await tx.mention.updateMany({
      where: { tenantId: ctx.tenantId, id: mention.id },
      data: backToModel
        ? { sentimentLabel: input.sentiment, sentimentScore: modelScore, sentimentModelLabel: null, sentimentModelScore: null, sentimentOverriddenAt: null }
        : {
            sentimentLabel: input.sentiment,
            sentimentScore: OVERRIDE_SCORE[input.sentiment],
            sentimentModelLabel: modelLabel,
            sentimentModelScore: modelScore,
            sentimentOverriddenAt: new Date(),
          },
    });
    await writeAudit(tx, ctx, {
      action: "mention.sentiment_overridden",
      targetType: "Mention",
      targetId: mention.id,
      data: { from: mention.sentimentLabel, to: input.sentiment, model: modelLabel },
    });
    return { changed: true };
  });
}
