import type { CustomerContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { ZFeedbackId, type NpsClassName } from "./feedback.schemas";

/** One of the customer's own answers by id (from the answer page's URL); anything else is null. */
export async function answerOfMine(cctx: CustomerContext, raw: unknown): Promise<{ id: string; score: number; npsClass: NpsClassName } | null> {
  const id = ZFeedbackId.safeParse(raw);
  if (!id.success) return null;
  return getDb().feedbackResponse.findFirst({
    where: { tenantId: cctx.tenantId, id: id.data, customerId: cctx.customerId },
    select: { id: true, score: true, npsClass: true },
  });
}
